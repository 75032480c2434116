import { readFileSync } from 'node:fs';
import { parseRegister } from './parse-register';
import type { Register } from './register.types';
import { RegisterError } from './register-reader';

/** Reads the register file named by POLICY_REGISTER_PATH; any problem stops startup with its entry named. */
export function loadRegister(path: string): Register {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new RegisterError(`policy register: cannot read ${path} (POLICY_REGISTER_PATH)`);
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof SyntaxError ? error.message : 'invalid JSON';
    throw new RegisterError(`policy register: ${path} is not valid JSON (${reason})`);
  }
  return Object.freeze(parseRegister(document));
}
