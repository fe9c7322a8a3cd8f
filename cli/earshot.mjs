#!/usr/bin/env node
// The `earshot` command. TypeScript sources run through tsx, so no build step stands
// between an edit and a run.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
