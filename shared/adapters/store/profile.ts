// The deployed brand profile in the table (AWS mode: the deploy writes it, every Lambda reads it).
// It is kept as the JSON that was deployed and validated again with the same schema on each read.
import { completeProfile, ProfileSchema, type Profile } from '#domain/profile';
import type { ProfileRepository } from '#domain/ports';
import type { TableClient } from './table-client';
import { keys } from './table';

export class ProfileItem implements ProfileRepository {
  constructor(private readonly table: TableClient) {}

  async putProfile(profile: Profile, deployedAt: string): Promise<void> {
    await this.table.put({
      ...keys.profile(this.table.brand),
      type: 'profile',
      deployedAt,
      profile: JSON.stringify(profile),
    });
  }

  /** The profile as last deployed, validated again with the same schema; undefined before the first deploy. */
  async getProfile(): Promise<Profile | undefined> {
    const item = await this.table.get(keys.profile(this.table.brand), { consistentRead: true });
    if (!item) return undefined;
    return completeProfile(ProfileSchema.parse(JSON.parse(String(item.profile))));
  }
}
