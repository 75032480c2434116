/** The register file is wrong: the message names the entry (`processors[2].country`) and the rule. */
export class RegisterError extends Error {
  override readonly name = 'RegisterError';
}

/** Walks untrusted JSON while remembering where it is, so every complaint names its entry. */
export class JsonReader {
  constructor(
    private readonly value: unknown,
    readonly path: string,
  ) {}

  field(name: string): JsonReader {
    const record = this.record();
    return new JsonReader(record[name], this.path ? `${this.path}.${name}` : name);
  }

  /** JSON has no "absent" of its own: a missing key and null both mean the entry is not given. */
  isAbsent(): boolean {
    return this.value === null || this.value === undefined;
  }

  string(): string {
    if (typeof this.value !== 'string' || this.value.trim() === '') this.fail('must be a non-empty string');
    return this.value;
  }

  nullableString(): string | null {
    return this.value === null || this.value === undefined ? null : this.string();
  }

  integer(min: number, max: number): number {
    const value = this.value;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.fail(`must be a whole number from ${min} to ${max}`);
    }
    return value;
  }

  nullableInteger(min: number, max: number): number | null {
    return this.value === null || this.value === undefined ? null : this.integer(min, max);
  }

  boolean(): boolean {
    if (typeof this.value !== 'boolean') this.fail('must be true or false');
    return this.value;
  }

  oneOf<T extends string>(allowed: readonly T[]): T {
    const value = this.string();
    const match = allowed.find((candidate) => candidate === value);
    if (!match) this.fail(`"${value}" is not one of ${allowed.join(', ')}`);
    return match;
  }

  nullableOneOf<T extends string>(allowed: readonly T[]): T | null {
    return this.value === null || this.value === undefined ? null : this.oneOf(allowed);
  }

  items(): JsonReader[] {
    if (!Array.isArray(this.value)) this.fail('must be a list');
    return (this.value as unknown[]).map((item, index) => new JsonReader(item, `${this.path}[${index}]`));
  }

  fail(rule: string): never {
    throw new RegisterError(`policy register: ${this.path || '(root)'} ${rule}`);
  }

  private record(): Record<string, unknown> {
    if (typeof this.value !== 'object' || this.value === null || Array.isArray(this.value)) this.fail('must be an object');
    return this.value as Record<string, unknown>;
  }
}
