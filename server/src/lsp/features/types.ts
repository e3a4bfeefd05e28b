import type { ClientCapabilities, Connection, ServerCapabilities, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis } from '../../engine/analyze';
import type { DiskBuildContext } from '../../engine/context';
import type { DockerfileModel } from '../../engine/model';
import type { ServerSettings } from '../settings';

/**
 * What the server core lends to an editor feature (completion, symbols, formatting…).
 * Every accessor works on the one parse of the document's current version, shared with
 * diagnostics, hovers and code actions.
 */
export interface FeatureContext {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  /** The client's capabilities from `initialize`. */
  clientCapabilities(): ClientCapabilities;
  /** Effective settings for a document (pulled from the client, or pushed, or the defaults). */
  settingsFor(uri: string): Promise<ServerSettings>;
  /** The shared parse of an open document's current version; undefined when it is not open. */
  modelFor(uri: string): DockerfileModel | undefined;
  /**
   * The full rule analysis of an open document's current version (cached; computed at most
   * once per version and settings); undefined when the document is not open or Layerwise is
   * disabled for it.
   */
  analysisFor(uri: string): Promise<Analysis | undefined>;
  /** The build context (the Dockerfile's folder), scanned in the background; undefined for non-file documents. */
  buildContextFor(uri: string): DiskBuildContext | undefined;
  /** The Dockerfile's folder on disk; undefined for non-file documents. */
  documentDir(uri: string): string | undefined;
}

/**
 * One LSP feature module: what it adds to the server's capabilities (possibly depending on
 * what the client supports) and the handlers it registers. Modules must not depend on VS
 * Code-only requests: they work with any LSP client.
 */
export interface Feature {
  readonly name: string;
  capabilities(client: ClientCapabilities): ServerCapabilities;
  register(ctx: FeatureContext): void;
  /** Settings or configuration files changed: results the client keeps (inlay hints…) may be stale. */
  settingsChanged?(ctx: FeatureContext): void;
}
