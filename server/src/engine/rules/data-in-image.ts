import {
  artifactKind, contextCopies, copyTakes, DATA_MIN_BYTES, dataDirKind, describeNotables, formatBytes, inFinalImage,
  sourceNames, summariseCopyIfReady, type NotableKind, type NotablePath,
} from '../context';
import { defineRule } from '../rule';

const KINDS: ReadonlySet<NotableKind> = new Set<NotableKind>(['data', 'model', 'large-file', 'model-file', 'data-file']);

export default defineRule({
  id: 'data-in-image',
  aliases: [],
  category: 'size',
  severity: 'info',
  fixable: false,
  docs: {
    summary: 'A COPY bakes data sets or model artefacts (data folders, `*.csv`, `*.parquet`, `*.pt`, `*.safetensors`, `*.onnx`, `*.joblib`, `*.pkl`, large files) into the image.',
    why: [
      'An image is the definition of how to run something; data is what it runs on. Copying a data set into the',
      'image makes every copy of the image carry it (every pull, every node, every registry), pins it to the',
      'snapshot you built with, and makes the layer and everything after it rebuild whenever the data changes.',
      'Keep data outside: mount it as a volume (`docker run -v /srv/data:/app/data:ro`), or have the app read',
      'it from object storage or a data versioning tool at start-up.',
      '',
      'A trained model is a closer call. Baking it in gives one immutable, self-contained artefact that starts',
      'without network access, which is a fine choice for a small model that changes with the code. The price',
      'is that every retrain means a new build, push and deploy, and that a large model slows all of them. When',
      'models change more often than code, or weigh hundreds of megabytes, load them at start-up from a model',
      'registry or object storage, with the version given by configuration (`MODEL_URI=...`), so one image',
      'serves any model version.',
      '',
      'If the model does belong in the image, copy it in its own `COPY` near the end, so a new model does not',
      'invalidate the dependency layers before it.',
    ].join('\n'),
    bad: [
      'FROM python:3.12-slim',
      'WORKDIR /app',
      'COPY requirements.txt .',
      'RUN pip install --no-cache-dir -r requirements.txt',
      'COPY models/churn_model_v1.joblib /app/models/',
      'COPY app.py .',
      'CMD ["python", "app.py"]',
    ].join('\n'),
    good: [
      'FROM python:3.12-slim',
      'WORKDIR /app',
      'COPY requirements.txt .',
      'RUN pip install --no-cache-dir -r requirements.txt',
      'COPY app.py .',
      '# The model is downloaded at start-up; MODEL_URI picks the version.',
      'ENV MODEL_URI=s3://models/churn/v1/model.joblib',
      'CMD ["python", "app.py"]',
    ].join('\n'),
    context: {
      'requirements.txt': 'scikit-learn==1.5.0\n',
      'app.py': 'print("serving")\n',
      'models/churn_model_v1.joblib': 'binary model',
    },
    notes: [
      'Needs the build context on disk and stays silent without one. Only copies into the image that is built',
      '(the last stage and the stages it is built FROM) count. A copy is reported when it names a data or model',
      'folder (`data/`, `datasets/`, `models/`, `checkpoints/`, `mlruns/`, `wandb/`) that holds data or model',
      'files or at least 1 MB, a model file (`*.pt`, `*.pth`, `*.safetensors`, `*.onnx`, `*.joblib`, `*.pkl`,',
      '`*.h5`, `*.ckpt`, `*.gguf`, `*.bin` inside a model folder, ...), or a data file (`*.csv`, `*.parquet`,',
      '`*.npy`, ...) of at least 1 MB; and when a folder or whole-context copy takes such folders or files, or',
      'any file of 10 MB or more, from the context. A `models/` folder of source code is not artefacts. There',
      'is no quick fix: where data lives is a design decision.',
    ].join('\n'),
  },
  check(ctx) {
    const context = ctx.buildContext;
    if (!context) return;
    const copies = contextCopies(ctx.model).filter(c => inFinalImage(ctx.model, c.info.stage));
    if (!copies.length) return;
    const scan = context.scanIfReady();
    if (!scan) return;
    const found = scan.notable.filter(n => KINDS.has(n.kind));
    const seen = new Set<string>();
    for (const copy of copies) {
      for (const source of copy.sources) {
        if (source.path === '' || source.path === '*') continue;
        const what = namedArtifact(source.path);
        if (!what) continue;
        const summary = summariseCopyIfReady(context, [source.raw]);
        if (!summary || summary.excluded.length) continue;
        // A source missing from the context is judged by its name alone.
        const big = summary.files === 0 || summary.bytes >= DATA_MIN_BYTES;
        if (what === 'data' && !big) continue;
        if (what === 'folder' && !big && !summary.largest.some(f => artifactKind(f.path))) continue;
        found.filter(n => sourceNames(source.path, n.path) || copyTakes({ ...copy, sources: [source] }, n.path)).forEach(n => seen.add(n.path));
        const size = summary.bytes >= 100 * 1024 ? ` (${summary.files > 1 ? `${summary.files} files, ` : ''}${formatBytes(summary.bytes)})` : '';
        const kind = what === 'model' || (what === 'folder' && /model|checkpoint|mlruns|wandb/i.test(source.path)) ? 'model artefacts' : 'data';
        ctx.report({
          range: source.range,
          message: kind === 'model artefacts'
            ? `\`${copy.display}\` bakes model artefacts into the image${size}: every retrain needs a new build and push. Fine for a small model versioned with the code; otherwise load it at start-up from a registry or object storage.`
            : `\`${copy.display}\` copies data into the image${size}, so every pull carries it and a data change means a rebuild. Mount it as a volume or read it from storage at run time.`,
        });
      }
      const swept = found.filter(n => !seen.has(n.path) && copyTakes(copy, n.path));
      if (!swept.length) continue;
      swept.forEach(n => seen.add(n.path));
      const source = copy.sources.find(s => swept.some(n => copyTakes({ ...copy, sources: [s] }, n.path))) ?? copy.sources[0];
      ctx.report({
        range: source.range,
        message: `\`${copy.display}\` also copies ${describeNotables(swept)} into the image${largeTotal(swept)}. Keep data in volumes or object storage and exclude it in .dockerignore; if a model belongs in the image, copy it by name near the end.`,
      });
    }
  },
});

/** What a source names by itself: a model file, a data file, a data or model folder. */
function namedArtifact(source: string): 'model' | 'data' | 'folder' | undefined {
  const kind = artifactKind(source);
  if (kind) return kind;
  if (source.split('/').some(part => dataDirKind(part))) return 'folder';
  return undefined;
}

function largeTotal(list: NotablePath[]): string {
  const total = list.reduce((sum, n) => sum + n.bytes, 0);
  return list.length > 1 && total >= DATA_MIN_BYTES ? ` (${formatBytes(total)} in all)` : '';
}
