import { sql } from '@forge/sql';

export const run = async () => sql.executeRaw('SELECT 1');
