import { chat } from '@forge/llm';

export const run = async () => chat({ model: 'claude', messages: [] });
