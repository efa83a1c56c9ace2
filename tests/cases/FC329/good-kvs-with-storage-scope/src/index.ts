import { kvs } from '@forge/kvs';

export const run = async () => kvs.get('settings');
