import {
  objectStore,
} from '@forge/object-store';

export const run = async () => objectStore.list();
