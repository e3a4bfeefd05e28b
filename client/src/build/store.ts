import type * as vscode from 'vscode';
import type { Remembered } from './prompt-model';

const PREFIX = 'layerwise.build/';

/**
 * What Build / Run remember per Dockerfile: non-secret answers in workspace state, secret
 * values only in VS Code's SecretStorage (the OS keychain where there is one). Workspace
 * state also keeps the *ids* of stored secrets, never their values, so they can be
 * loaded and forgotten.
 */
export class BuildStore {
  constructor(private readonly state: vscode.Memento, private readonly secrets: vscode.SecretStorage) {}

  remembered(dockerfile: string): Remembered {
    return this.state.get<Remembered>(PREFIX + dockerfile) ?? {};
  }

  async remember(dockerfile: string, value: Remembered): Promise<void> {
    await this.state.update(PREFIX + dockerfile, value);
  }

  private secretIds(dockerfile: string): string[] {
    return this.state.get<string[]>(`${PREFIX}${dockerfile}#secrets`) ?? [];
  }

  private secretKey(dockerfile: string, id: string): string {
    return `${PREFIX}${dockerfile}/${id}`;
  }

  async loadSecrets(dockerfile: string): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const id of this.secretIds(dockerfile)) {
      const value = await this.secrets.get(this.secretKey(dockerfile, id));
      if (value !== undefined) out[id] = value;
    }
    return out;
  }

  /** Stores the given values; an empty string deletes the stored one. */
  async storeSecrets(dockerfile: string, values: Record<string, string>): Promise<void> {
    const ids = new Set(this.secretIds(dockerfile));
    for (const [id, value] of Object.entries(values)) {
      if (value === '') {
        await this.secrets.delete(this.secretKey(dockerfile, id));
        ids.delete(id);
      } else {
        await this.secrets.store(this.secretKey(dockerfile, id), value);
        ids.add(id);
      }
    }
    await this.state.update(`${PREFIX}${dockerfile}#secrets`, [...ids]);
  }

  /** Dockerfiles with anything remembered. */
  dockerfiles(): string[] {
    const files = new Set<string>();
    for (const key of this.state.keys()) {
      if (key.startsWith(PREFIX)) files.add(key.slice(PREFIX.length).replace(/#secrets$/, ''));
    }
    return [...files];
  }

  /** Forgets everything stored for these Dockerfiles (default: all); returns how many entries went. */
  async forget(dockerfiles: string[] = this.dockerfiles()): Promise<number> {
    let count = 0;
    for (const dockerfile of dockerfiles) {
      for (const id of this.secretIds(dockerfile)) {
        await this.secrets.delete(this.secretKey(dockerfile, id));
        count++;
      }
      if (this.state.get(PREFIX + dockerfile) !== undefined) count++;
      await this.state.update(PREFIX + dockerfile, undefined);
      await this.state.update(`${PREFIX}${dockerfile}#secrets`, undefined);
    }
    return count;
  }
}
