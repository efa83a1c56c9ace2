// import { kvs } from '@forge/kvs';
const hint = "import { storage } from '@forge/api'";

export const run = async () => hint;
