import * as fs from 'node:fs';
import * as path from 'node:path';
import { CompletionItemKind, CompletionItemTag, InsertTextFormat, MarkupKind, type ClientCapabilities, type CompletionItem, type CompletionList } from 'vscode-languageserver/node';
import type { BuildContext } from '../../engine/context';
import { completionsAt, type CompletionEntry, type CompletionKind, type ContextLister } from '../../engine/language/completion';
import { tagCompletions, tagQueryAt } from '../../engine/language/completion-images';
import type { DockerfileModel } from '../../engine/model';
import type { Position } from '../../engine/types';
import { RegistryTags } from './completion-registry';
import type { Feature } from './types';

/**
 * Completion on the shared parse (it runs on every keystroke, so it never parses again):
 * keywords, BuildKit flags and mount options, directives, variables with their values,
 * stages, offline base-image tags and build-context paths.
 */
export const TRIGGER_CHARACTERS = ['-', '=', '$', '{', ':', ' ', '/', ',', '<'];

const KINDS: Record<CompletionKind, CompletionItemKind> = {
  keyword: CompletionItemKind.Keyword,
  flag: CompletionItemKind.Property,
  value: CompletionItemKind.EnumMember,
  variable: CompletionItemKind.Variable,
  stage: CompletionItemKind.Reference,
  image: CompletionItemKind.Module,
  file: CompletionItemKind.File,
  folder: CompletionItemKind.Folder,
  snippet: CompletionItemKind.Snippet,
  directive: CompletionItemKind.Keyword,
};

/** Re-opens the suggestion list after inserting `--mount=` or a folder. VS Code and most clients know this command; others ignore it. */
const RETRIGGER = { title: 'Suggest', command: 'editor.action.triggerSuggest' };

export const completionFeature: Feature = {
  name: 'completion',
  capabilities: () => ({ completionProvider: { triggerCharacters: TRIGGER_CHARACTERS, resolveProvider: false } }),
  register(ctx) {
    const registry = new RegistryTags();
    ctx.connection.onCompletion(async (params): Promise<CompletionItem[] | CompletionList> => {
      try {
        const uri = params.textDocument.uri;
        const model = ctx.modelFor(uri);
        if (!model) return [];
        const settings = await ctx.settingsFor(uri);
        if (!settings.enable) return [];
        // The settings may have been awaited across an edit: read the then-current parse.
        const current = ctx.modelFor(uri) ?? model;
        const caps = ctx.clientCapabilities();
        const snippets = !!caps.textDocument?.completion?.completionItem?.snippetSupport;
        const options = { snippets, trigger: params.context?.triggerCharacter, context: diskLister(ctx.buildContextFor(uri), ctx.documentDir(uri)) };
        if (settings.completion.registryTags) {
          const withRegistry = await registryCompletion(registry, current, params.position);
          if (withRegistry) return { isIncomplete: withRegistry.pending, items: withRegistry.entries.map(e => toItem(e, caps)) };
        }
        return completionsAt(current, params.position, options).map(e => toItem(e, caps));
      } catch (e) {
        ctx.connection.console.error(`Completion failed: ${(e as Error).stack ?? e}`);
        return [];
      }
    });
  },
};

/**
 * A FROM tag with published tags added. While the registry has not answered the list is
 * marked incomplete, so the editor asks again on the next keystroke.
 */
async function registryCompletion(registry: RegistryTags, model: DockerfileModel, pos: Position): Promise<{ entries: CompletionEntry[]; pending: boolean } | undefined> {
  const query = tagQueryAt(model, pos);
  if (!query) return undefined;
  const { tags, pending } = await registry.tags(query.repo);
  return { entries: tagCompletions(query, tags), pending };
}

function toItem(e: CompletionEntry, caps: ClientCapabilities): CompletionItem {
  const itemCaps = caps.textDocument?.completion?.completionItem;
  const markdown = itemCaps?.documentationFormat?.includes(MarkupKind.Markdown) ?? false;
  const useSnippet = !!e.snippet && !!itemCaps?.snippetSupport;
  const item: CompletionItem = {
    label: e.label,
    kind: KINDS[e.kind],
    sortText: e.sortText,
    filterText: e.filterText,
    textEdit: { range: e.range, newText: useSnippet ? e.snippet! : e.insertText },
    insertTextFormat: useSnippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
  };
  if (e.detail) item.detail = e.detail;
  if (e.documentation) item.documentation = markdown ? { kind: MarkupKind.Markdown, value: e.documentation } : e.documentation;
  if (e.retrigger) item.command = RETRIGGER;
  if (e.deprecated) {
    if (itemCaps?.tagSupport?.valueSet?.includes(CompletionItemTag.Deprecated)) item.tags = [CompletionItemTag.Deprecated];
    else if (itemCaps?.deprecatedSupport) item.deprecated = true;
  }
  return item;
}

/** The build context on disk, one folder per request, never outside the context root. */
function diskLister(context: BuildContext | undefined, root: string | undefined): ContextLister | undefined {
  if (!context || !root) return undefined;
  return {
    list(relDir) {
      const dir = path.resolve(root, relDir);
      if (dir !== root && !dir.startsWith(root + path.sep)) return undefined;
      try {
        return fs.readdirSync(dir, { withFileTypes: true }).map(d => ({ name: d.name, isDir: d.isDirectory() }));
      } catch {
        return undefined;
      }
    },
    isIgnored: rel => context.isIgnored(rel),
  };
}
