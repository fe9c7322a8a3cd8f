import { UsageError } from '../usage';

export async function bench(args: string[]): Promise<number> {
  const [what, ...rest] = args;
  switch (what) {
    case 'accuracy':
      return (await import('./accuracy')).benchAccuracy(rest);
    case 'speed':
      return (await import('./speed')).benchSpeed(rest);
    default:
      throw new UsageError(`bench needs one of: accuracy, speed (got '${what ?? ''}')`);
  }
}
