// Global setup of the workerd tests: the test radio stream server, its address provided
// to the tests (workerd reaches it over loopback like any stream on the internet).
import type { TestProject } from 'vitest/node';
import { startStreamServer } from './stream-server';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startStreamServer();
  project.provide('streamUrl', server.url);
  return () => server.close();
}

declare module 'vitest' {
  export interface ProvidedContext {
    streamUrl: string;
  }
}
