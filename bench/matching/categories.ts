// Which SemEval aspect categories each value of restaurants.yaml and laptops.yaml stands for. Fixed
// with the profiles, before any measurement. A sentence's gold values are the values of its
// categories; categories with no value (SemEval-2014 "anecdotes/miscellaneous", SemEval-2016
// RESTAURANT#GENERAL, LAPTOP#GENERAL, COMPANY#GENERAL and the like) give none, so a value matched in
// such a sentence counts against precision.

/** SemEval-2014 restaurants: the categories are the values, but for anecdotes/miscellaneous. */
export function restaurants2014Values(category: string): string | undefined {
  return ['food', 'service', 'price', 'ambience'].includes(category) ? category : undefined;
}

/**
 * SemEval-2016 restaurants (ENTITY#ATTRIBUTE): a price attribute is the price value whatever the
 * entity ("FOOD#PRICES": the food is overpriced); otherwise the entity decides, drinks counting as
 * food as in SemEval-2014.
 */
export function restaurants2016Values(category: string): string | undefined {
  const [entity, attribute] = category.split('#');
  if (attribute === 'PRICES') return 'price';
  if (entity === 'FOOD' || entity === 'DRINKS') return 'food';
  if (entity === 'SERVICE') return 'service';
  if (entity === 'AMBIENCE') return 'ambience';
  return undefined; // RESTAURANT#GENERAL, RESTAURANT#MISCELLANEOUS, LOCATION#GENERAL
}

const LAPTOP_ENTITY_VALUES: Record<string, string> = {
  BATTERY: 'battery',
  POWER_SUPPLY: 'battery',
  CPU: 'performance',
  MEMORY: 'performance',
  HARD_DISC: 'performance',
  GRAPHICS: 'performance',
  DISPLAY: 'screen-and-keyboard',
  KEYBOARD: 'screen-and-keyboard',
  MOUSE: 'screen-and-keyboard',
  SOFTWARE: 'software',
  OS: 'software',
  SUPPORT: 'support',
  WARRANTY: 'support',
};

/**
 * SemEval-2016 laptops: a price attribute is the price value; the laptop's own performance, design
 * and portability are those values; otherwise the part (entity) decides. The laptop in general, its
 * quality, usability and connectivity, the company, shipping and the remaining parts have no value.
 */
export function laptops2016Values(category: string): string | undefined {
  const [entity = '', attribute] = category.split('#');
  if (attribute === 'PRICE') return 'price';
  if (entity === 'LAPTOP') {
    if (attribute === 'OPERATION_PERFORMANCE') return 'performance';
    if (attribute === 'DESIGN_FEATURES' || attribute === 'PORTABILITY') return 'design';
    return undefined;
  }
  return LAPTOP_ENTITY_VALUES[entity];
}
