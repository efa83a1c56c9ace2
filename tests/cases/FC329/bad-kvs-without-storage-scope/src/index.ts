import { kvs } from '@forge/kvs';

export const run = async (event: { repository: { uuid: string } }) => {
  await kvs.set('last-push', event.repository.uuid);
};
