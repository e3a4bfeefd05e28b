import { ErrorCodes, ResponseError, type Range, type WorkspaceEdit } from 'vscode-languageserver/node';
import { renameEdits, renameTargetAt } from '../../engine/language/rename';
import { documentHandler } from './document-handler';
import type { Feature } from './types';

/** Rename of stage names and ARG/ENV variables, with prepareRename for clients that ask first. */
export const renameFeature: Feature = {
  name: 'rename',
  capabilities: client => ({ renameProvider: client.textDocument?.rename?.prepareSupport ? { prepareProvider: true } : true }),
  register(ctx) {
    ctx.connection.onPrepareRename(documentHandler(ctx, 'prepareRename', null,
      (model, params): { range: Range; placeholder: string } | ResponseError<void> => {
        const target = renameTargetAt(model, params.position);
        // An error with a reason tells the user why, where a bare null only says "cannot rename".
        if (!target.ok) return new ResponseError(ErrorCodes.InvalidRequest, target.reason);
        return { range: target.range, placeholder: target.placeholder };
      }));

    ctx.connection.onRenameRequest(documentHandler(ctx, 'rename', null, (model, params): WorkspaceEdit | ResponseError<void> => {
      const result = renameEdits(model, params.position, params.newName);
      if (!result.ok) return new ResponseError(ErrorCodes.InvalidRequest, result.reason);
      return { changes: { [params.textDocument.uri]: result.edits } };
    }));
  },
};
