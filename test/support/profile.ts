// A valid brand profile for tests, with the sources a test needs.
import { completeProfile, ProfileSchema, type Profile, type ProfileInput } from '#domain/profile';

export function makeProfile(sources: ProfileInput['sources'], overrides: Partial<ProfileInput> = {}): Profile {
  return completeProfile(
    ProfileSchema.parse({
      brand: {
        name: 'Fernhill Bikes',
        aliases: ['Fernhill'],
        handles: ['@fernhillbikes'],
        domains: ['fernhillbikes.example'],
      },
      values: [
        {
          id: 'free-repairs',
          label: 'Free repairs for life',
          promise: 'Repaired free for life.',
          aspects: ['repair'],
          expected: { minNetSentiment: 0.3 },
        },
      ],
      sources,
      digest: { recipients: ['brand-team@example.com'], sender: 'congruence@example.com' },
      ...overrides,
    }),
  );
}
