// The `csv` source: a CSV export with a header row, and which of its columns holds what.
import { z } from 'zod';
import { dateFormatProblem } from '../date-format';
import { nonEmptyText } from '../profile-fields';
import { commonSourceFields, exactlyOneLocation, locationFields } from './source-fields';

const columnName = nonEmptyText.describe('Header of a column in the file.');

export const CsvSourceSchema = z
  .strictObject({
    kind: z.literal('csv').describe('A CSV export (review platform, CX survey, support desk) with a header row.'),
    ...commonSourceFields,
    ...locationFields,
    columns: z
      .strictObject({
        text: columnName.describe('Column with the review, answer or message text (required).'),
        title: columnName.optional(),
        date: columnName
          .optional()
          .describe(
            'Column with the date (ISO 8601, RFC 2822, or as dateFormat says); rows without one are dated at fetch time.',
          ),
        rating: columnName.optional().describe('Column with the star rating, a number from 0 to ratingBest.'),
        url: columnName.optional(),
        author: columnName.optional(),
        id: columnName
          .optional()
          .describe('Column with the row’s own id in the exporting tool; the best identity when there is one.'),
        channel: columnName
          .optional()
          .describe(
            'Column naming each row’s channel (news, review, social or stance); rows without one use the source’s channel.',
          ),
        language: columnName.optional(),
      })
      .describe('Which column holds what; only text is required.'),
    delimiter: z.string().length(1, 'a single character such as "," or ";"').default(',').describe('Field separator.'),
    ratingBest: z.number().positive().default(5).describe('The best possible rating in the rating column.'),
    dateFormat: z
      .string()
      .superRefine((format, ctx) => {
        const problem = dateFormatProblem(format);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      })
      .optional()
      .describe(
        'How the date column writes dates, spreadsheet style: "DD/MM/YYYY HH:mm", "M/D/YYYY h:mm A", "YYYY-MM-DD". ' +
          'Tokens: YYYY YY MMM MM M DD D HH H hh h mm ss A. Without it, ISO 8601 and RFC 2822 are read, and ' +
          'slash dates month-first unless a row shows the day comes first.',
      ),
  })
  .superRefine(exactlyOneLocation)
  .superRefine(dateFormatNeedsDateColumn);

function dateFormatNeedsDateColumn(
  source: { dateFormat?: string; columns: { date?: string } },
  ctx: z.RefinementCtx,
): void {
  if (source.dateFormat !== undefined && source.columns.date === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['dateFormat'],
      message: 'dateFormat is set but columns.date is not: name the date column in columns.date, or remove dateFormat',
    });
  }
}
export type CsvSource = z.infer<typeof CsvSourceSchema>;
