import './register-apiward';
import 'reflect-metadata';
import { resolveLabConfig } from './config/lab-config';
import { listeningLine, startLab } from './start-lab';

/**
 * `npm run lab -- --mode protected|unprotected --port 4100` (or LAB_MODE, PORT). Binds 127.0.0.1 only.
 */
async function main(): Promise<void> {
  const lab = await startLab(resolveLabConfig(process.argv.slice(2), process.env));
  console.log(listeningLine(lab));
  const stop = (): void => {
    lab.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
