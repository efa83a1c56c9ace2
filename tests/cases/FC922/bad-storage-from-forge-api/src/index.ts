import { storage } from '@forge/api';

export const run = async () => storage.get('settings');
