import type { Stage } from '../model';
import { defineRule } from '../rule';
import { runScript } from '../run';
import { commandName } from '../shell/commands';
import { shippedStages } from '../knowledge/base-image-card';
import { pythonInstallOf, runtimeTagFor } from '../knowledge/images';
import { shippedBaseImage } from '../knowledge/shipped-image';
import type { Fix, Range } from '../types';

/** Compilers and build drivers: a stage running them needs the devel toolkit. */
const COMPILERS = new Set(['nvcc', 'cmake', 'make', 'ninja', 'gcc', 'g++', 'cc', 'c++', 'clang', 'clang++', 'bazel', 'meson']);
/** Python packages that compile CUDA code when installed (or, for DeepSpeed, when first used). */
const CUDA_BUILD_PACKAGES = new Set(['flash-attn', 'apex', 'mamba-ssm', 'causal-conv1d', 'deepspeed', 'auto-gptq']);

export default defineRule({
  id: 'cuda-devel-in-final-stage',
  aliases: [],
  category: 'base-image',
  severity: 'warning',
  fixable: true,
  docs: {
    summary: 'The final stage runs on a CUDA `devel` image, shipping the whole CUDA toolkit (several GB) that inference does not need.',
    why: [
      'NVIDIA publishes CUDA images in layers. `base` has just the CUDA runtime library; `runtime` adds the math libraries',
      '(cuBLAS, cuFFT, ...) that frameworks load; `devel` adds what you need to *compile* CUDA code: `nvcc`, headers and',
      'static libraries. `cudnn-` flavours add cuDNN to either. The toolkit makes `devel` several gigabytes larger than',
      '`runtime`, and PyTorch\'s `-devel` images carry the same extra weight.',
      '',
      'Running a model needs only the runtime libraries. Shipping the toolkit makes every pull and every cold start on a new',
      'GPU node slower, and adds compilers to the attack surface. Compile in a `devel` **builder** stage and copy the results',
      '(a virtualenv, wheels, a binary) into a final stage built on the `runtime` (or `cudnn-runtime`) tag of the same CUDA',
      'version and OS.',
    ].join('\n'),
    bad: [
      'FROM nvidia/cuda:12.4.1-cudnn-devel-ubuntu22.04',
      'RUN apt-get update && apt-get install -y --no-install-recommends python3-pip && rm -rf /var/lib/apt/lists/*',
      'COPY requirements.txt .',
      'RUN pip3 install --no-cache-dir -r requirements.txt',
      'COPY . /app',
      'CMD ["python3", "/app/serve.py"]',
    ].join('\n'),
    good: [
      'FROM nvidia/cuda:12.4.1-cudnn-devel-ubuntu22.04 AS build',
      'RUN apt-get update && apt-get install -y --no-install-recommends python3-pip python3-venv && rm -rf /var/lib/apt/lists/*',
      'RUN python3 -m venv /venv',
      'COPY requirements.txt .',
      'RUN /venv/bin/pip install --no-cache-dir -r requirements.txt',
      '',
      'FROM nvidia/cuda:12.4.1-cudnn-runtime-ubuntu22.04',
      'RUN apt-get update && apt-get install -y --no-install-recommends python3 && rm -rf /var/lib/apt/lists/*',
      'COPY --from=build /venv /venv',
      'COPY . /app',
      'CMD ["/venv/bin/python", "/app/serve.py"]',
    ].join('\n'),
    fix: 'Switches `devel` to `runtime` in the tag (`12.4.1-cudnn-devel-ubuntu22.04` → `12.4.1-cudnn-runtime-ubuntu22.04`). Offered, never applied automatically, and not offered when the shipped stages compile code (nvcc, cmake, make, `setup.py`, packages such as flash-attn): that work has to move into a builder stage first.',
    context: { 'requirements.txt': 'torch==2.4.0\n', 'serve.py': 'print("serving")\n' },
    notes: [
      'Checks the final stage and the stages it is built on, for `nvidia/cuda` (and `nvcr.io/nvidia/cuda`) `devel` tags,',
      '`pytorch/pytorch` `-devel` tags and `tensorflow/tensorflow` devel tags. A devel image in a builder stage is not',
      'reported: that is where it belongs. Final stages whose names mark development, test or CI targets (`dev`, `test`, `ci`, ...) are skipped.',
      'Some code compiles CUDA kernels when it first runs (DeepSpeed ops, `torch.utils.cpp_extension.load`); such',
      'programs need the toolkit at run time, so silence the rule for them.',
    ].join(' '),
  },
  check(ctx) {
    const shipped = shippedBaseImage(ctx.model);
    if (!shipped) return;
    const { image, info, via } = shipped;
    if (info.family.kind !== 'gpu' || !info.variant.buildTools) return;
    const runtime = runtimeTagFor(info);
    const compiles = compileLine([...shippedStages(ctx.model)]);
    const instead = runtime ? `\`${image.name}:${runtime}\`` : 'the matching `runtime` image';
    let message = `\`${image.resolved}\`${via} ships the CUDA toolkit (nvcc, headers, static libraries: ${info.variant.size} compressed) into the final image; running a model needs only the runtime libraries.`;
    message += compiles === undefined
      ? ` Use ${instead} for the final stage, and a devel builder stage if you compile anything.`
      : ` Line ${compiles + 1} compiles code: do that in a devel builder stage and copy the results into a final stage on ${instead}.`;
    ctx.report({
      range: image.tagRange ?? image.range,
      message,
      fixes: () => runtimeFix(image.name, runtime, image.tagRange, compiles),
    });
  },
});

function runtimeFix(name: string, runtime: string | undefined, tagRange: Range | undefined, compiles: number | undefined): Fix[] {
  if (!runtime || !tagRange || compiles !== undefined) return [];
  return [{ title: `Switch to ${name}:${runtime} (no nvcc or CUDA headers)`, edits: [{ range: tagRange, newText: runtime }], safe: false }];
}

/** The first RUN in these stages that compiles code, if any. */
function compileLine(stages: Stage[]): number | undefined {
  for (const stage of stages) {
    for (const ins of stage.instructions) {
      if (ins.keyword === 'ENV' && /\bTORCH_CUDA_ARCH_LIST\b/.test(ins.node.getArgumentsContent() ?? '')) return ins.range.start.line;
      if (ins.keyword !== 'RUN') continue;
      for (const cmd of runScript(ins.node).commands) {
        const name = commandName(cmd);
        if (COMPILERS.has(name)) return ins.range.start.line;
        if (/^python[\d.]*$/.test(name) && cmd.argv.some(a => a.endsWith('setup.py'))) return ins.range.start.line;
        const install = pythonInstallOf(cmd);
        if (install && (cmd.argv.includes('--no-build-isolation') || install.packages.some(p => CUDA_BUILD_PACKAGES.has(p)))) return ins.range.start.line;
      }
    }
  }
  return undefined;
}
