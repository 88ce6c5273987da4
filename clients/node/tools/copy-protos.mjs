// npm pack's prepack (and postpack with --remove): puts the contract's
// .proto files in proto/ so that the package loads them wherever it is
// installed, and takes them away again so that a clone uses the contract's own.
import { cpSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const target = fileURLToPath(new URL('../proto', import.meta.url));
rmSync(target, { recursive: true, force: true });
if (process.argv[2] !== '--remove') {
  cpSync(fileURLToPath(new URL('../../../proto/plenary', import.meta.url)), `${target}/plenary`, {
    recursive: true,
    filter: (path) => !path.includes('.') || path.endsWith('.proto'),
  });
}
