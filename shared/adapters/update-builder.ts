/**
 * Builds a DynamoDB UpdateExpression with generated placeholders, so attribute names that are
 * reserved words (`status`, `type`, `language`…) and user-supplied map keys are always safe.
 */
export class UpdateBuilder {
  readonly #sets: string[] = [];
  readonly #removes: string[] = [];
  readonly #adds: string[] = [];
  readonly #names: Record<string, string> = {};
  readonly #values: Record<string, unknown> = {};
  #condition: string | undefined;
  #counter = 0;

  #name(name: string): string {
    const placeholder = `#a${this.#counter++}`;
    this.#names[placeholder] = name;
    return placeholder;
  }

  #value(value: unknown): string {
    const placeholder = `:v${this.#counter++}`;
    this.#values[placeholder] = value;
    return placeholder;
  }

  #path(path: readonly string[]): string {
    return path.map((part) => this.#name(part)).join('.');
  }

  set(name: string, value: unknown): this {
    this.#sets.push(`${this.#name(name)} = ${this.#value(value)}`);
    return this;
  }

  /** Sets a value, or removes the attribute when the value is null or undefined. */
  setIfPresent(name: string, value: unknown): this {
    if (value === null || value === undefined) this.#removes.push(this.#name(name));
    else this.set(name, value);
    return this;
  }

  setPath(path: readonly string[], value: unknown): this {
    this.#sets.push(`${this.#path(path)} = ${this.#value(value)}`);
    return this;
  }

  remove(name: string): this {
    this.#removes.push(this.#name(name));
    return this;
  }

  removePath(path: readonly string[]): this {
    this.#removes.push(this.#path(path));
    return this;
  }

  /** Appends to a list attribute (creating it when absent). */
  append(name: string, items: readonly unknown[]): this {
    const attribute = this.#name(name);
    this.#sets.push(
      `${attribute} = list_append(if_not_exists(${attribute}, ${this.#value([])}), ${this.#value(items)})`,
    );
    return this;
  }

  increment(name: string, by = 1): this {
    this.#adds.push(`${this.#name(name)} ${this.#value(by)}`);
    return this;
  }

  /** A condition with its own placeholders (which must not start with `#a` / `:v`). */
  condition(
    expression: string,
    values: Record<string, unknown> = {},
    names: Record<string, string> = {},
  ): this {
    this.#condition = expression;
    Object.assign(this.#values, values);
    Object.assign(this.#names, names);
    return this;
  }

  build() {
    const clauses = [
      this.#sets.length ? `SET ${this.#sets.join(', ')}` : '',
      this.#removes.length ? `REMOVE ${this.#removes.join(', ')}` : '',
      this.#adds.length ? `ADD ${this.#adds.join(', ')}` : '',
    ].filter(Boolean);
    return {
      UpdateExpression: clauses.join(' '),
      ExpressionAttributeNames: this.#names,
      ...(Object.keys(this.#values).length ? { ExpressionAttributeValues: this.#values } : {}),
      ...(this.#condition ? { ConditionExpression: this.#condition } : {}),
    };
  }
}
