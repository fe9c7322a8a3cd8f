// Global setup of the workerd tests: the ACRCloud stand-in on the port vitest.config.ts
// gave the Worker as ACRCLOUD_HOST.
import { startStandin } from './standin';

export default async function setup(): Promise<() => Promise<void>> {
  const { server } = await startStandin(Number(process.env.EARSHOT_ACR_STANDIN_PORT));
  return () => new Promise((resolve) => server.close(() => resolve()));
}
