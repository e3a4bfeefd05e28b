import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DocumentLink } from 'vscode-languageserver/node';
import { documentLinks } from '../../engine/language/links';
import { documentHandler } from './document-handler';
import type { Feature } from './types';

/** Links from FROM images to their registry pages and from COPY/ADD sources to files in the build context. */
export const linksFeature: Feature = {
  name: 'links',
  capabilities: () => ({ documentLinkProvider: { resolveProvider: false } }),
  register(ctx) {
    ctx.connection.onDocumentLinks(documentHandler(ctx, 'documentLink', null, (model, params): DocumentLink[] => {
      const dir = ctx.documentDir(params.textDocument.uri);
      const isContextFile = dir ? (relative: string) => fs.statSync(path.join(dir, relative), { throwIfNoEntry: false })?.isFile() ?? false : undefined;
      return documentLinks(model, { isContextFile }).map(link => ({
        range: link.range,
        target: link.target.kind === 'url' ? link.target.url : pathToFileURL(path.join(dir!, link.target.path)).href,
        tooltip: link.tooltip,
      }));
    }));
  },
};
