/**
 * The shell evaluation corpus: small scripts covering the syntax RUN lines use, each with
 * the simple commands a correct parser finds, in source order (a command before the
 * commands of its own `$(...)`). Used by shell/commands.test.ts and by the parser
 * evaluation written up in docs/shell-parser.md.
 */
export interface ShellCase {
  name: string;
  src: string;
  /** argv of each simple command (redirections excluded, words unquoted, expansions as written). */
  argv: string[][];
  /** Assignments before the command name, per command, when any. */
  assignments?: string[][];
  /** The text is not valid shell (bash -n rejects it). */
  invalid?: boolean;
}

export const SHELL_CASES: ShellCase[] = [
  { name: 'and', src: 'apt-get update && apt-get install -y curl', argv: [['apt-get', 'update'], ['apt-get', 'install', '-y', 'curl']] },
  { name: 'or', src: 'test -f /x || touch /x', argv: [['test', '-f', '/x'], ['touch', '/x']] },
  { name: 'semicolon', src: 'cd /app; make', argv: [['cd', '/app'], ['make']] },
  { name: 'pipe', src: 'curl -fsSL https://example.com/i.sh | sh -s -- -y', argv: [['curl', '-fsSL', 'https://example.com/i.sh'], ['sh', '-s', '--', '-y']] },
  { name: 'pipe-stderr', src: 'make 2>&1 |& tee log', argv: [['make'], ['tee', 'log']] },
  { name: 'subshell', src: '(cd /tmp && make) && echo done', argv: [['cd', '/tmp'], ['make'], ['echo', 'done']] },
  { name: 'subshell-pipe', src: '(echo a; echo b) | sort', argv: [['echo', 'a'], ['echo', 'b'], ['sort']] },
  { name: 'group', src: '{ echo a; echo b; } > /tmp/out', argv: [['echo', 'a'], ['echo', 'b']] },
  { name: 'group-braces-as-args', src: 'find . -name "*.pyc" -exec rm {} \\;', argv: [['find', '.', '-name', '*.pyc', '-exec', 'rm', '{}', ';']] },
  { name: 'find-plus', src: 'find /usr -type f -exec strip {} +', argv: [['find', '/usr', '-type', 'f', '-exec', 'strip', '{}', '+']] },
  { name: 'command-substitution', src: 'mkdir -p "$(dirname /a/b)" && echo ok', argv: [['mkdir', '-p', '$(dirname /a/b)'], ['dirname', '/a/b'], ['echo', 'ok']] },
  { name: 'substitution-assignment', src: 'VERSION=$(curl -s https://x/v) && echo $VERSION', argv: [[], ['curl', '-s', 'https://x/v'], ['echo', '$VERSION']], assignments: [['VERSION=$(curl -s https://x/v)'], [], []] },
  { name: 'backticks', src: 'echo `uname -m` arch', argv: [['echo', '`uname -m`', 'arch'], ['uname', '-m']] },
  { name: 'nested-substitution', src: 'echo "$(basename "$(pwd)")"', argv: [['echo', '$(basename "$(pwd)")'], ['basename', '$(pwd)'], ['pwd']] },
  { name: 'quotes', src: 'echo "a b" \'c d\' e\\ f "x"\'y\'z', argv: [['echo', 'a b', 'c d', 'e f', 'xyz']] },
  { name: 'quote-operators', src: 'echo "a && b" \'c | d\' "e;f"', argv: [['echo', 'a && b', 'c | d', 'e;f']] },
  { name: 'escaped-quote', src: 'echo "say \\"hi\\"" it\\\'s', argv: [['echo', 'say "hi"', "it's"]] },
  { name: 'nested-quotes', src: 'sh -c "echo \'hi there\' && exit 0"', argv: [['sh', '-c', "echo 'hi there' && exit 0"]] },
  { name: 'ansi-c', src: "printf $'a\\tb'", argv: [['printf', 'a\tb']] },
  { name: 'continuation', src: 'apt-get install -y \\\n    curl \\\n    git', argv: [['apt-get', 'install', '-y', 'curl', 'git']] },
  { name: 'continuation-in-word', src: 'ec\\\nho hi', argv: [['echo', 'hi']] },
  { name: 'heredoc-data', src: 'cat <<EOF > /etc/motd\nhello && world | x\nEOF\napt-get update', argv: [['cat'], ['apt-get', 'update']] },
  { name: 'heredoc-quoted-tab', src: 'cat <<-\'EOF\' >/x\n\t$(not run)\n\tEOF\necho after', argv: [['cat'], ['echo', 'after']] },
  { name: 'heredoc-in-and', src: 'cat > /x <<EOF && chmod +x /x\n#!/bin/sh\nEOF', argv: [['cat'], ['chmod', '+x', '/x']] },
  { name: 'herestring', src: 'grep -q x <<< "$y" || exit 1', argv: [['grep', '-q', 'x'], ['exit', '1']] },
  { name: 'pipefail', src: 'set -o pipefail && curl -fsSL https://x | tar -xz', argv: [['set', '-o', 'pipefail'], ['curl', '-fsSL', 'https://x'], ['tar', '-xz']] },
  { name: 'set-e', src: 'set -eux; apt-get update', argv: [['set', '-eux'], ['apt-get', 'update']] },
  { name: 'if', src: 'if [ -f /x ]; then apt-get install -y y; elif true; then :; else echo no; fi', argv: [['[', '-f', '/x', ']'], ['apt-get', 'install', '-y', 'y'], ['true'], [':'], ['echo', 'no']] },
  { name: 'if-multiline', src: 'if command -v pip >/dev/null\nthen\n  pip install x\nfi', argv: [['command', '-v', 'pip'], ['pip', 'install', 'x']] },
  { name: 'for', src: 'for p in a b "c d"; do pip install "$p"; done', argv: [['pip', 'install', '$p']] },
  { name: 'for-arith', src: 'for ((i=0;i<3;i++)); do echo $i; done', argv: [['echo', '$i']] },
  { name: 'while', src: 'while read -r l; do echo "$l"; done < /tmp/list', argv: [['read', '-r', 'l'], ['echo', '$l']] },
  { name: 'until', src: 'until curl -sf http://localhost; do sleep 1; done', argv: [['curl', '-sf', 'http://localhost'], ['sleep', '1']] },
  { name: 'case', src: 'case "$(uname -m)" in\n  x86_64) ARCH=amd64 ;;\n  aarch64|arm64) ARCH=arm64 ;;\n  *) echo "unsupported"; exit 1 ;;\nesac', argv: [['uname', '-m'], [], [], ['echo', 'unsupported'], ['exit', '1']], assignments: [[], ['ARCH=amd64'], ['ARCH=arm64'], [], []] },
  { name: 'function', src: 'retry() { "$@" || "$@"; }; retry pip install x', argv: [['$@'], ['$@'], ['retry', 'pip', 'install', 'x']] },
  { name: 'function-keyword', src: 'function f { echo hi; }\nf', argv: [['echo', 'hi'], ['f']] },
  { name: 'redirections', src: 'echo hi > /tmp/x 2>&1; cat < /tmp/x >> /tmp/y; cmd &>/dev/null', argv: [['echo', 'hi'], ['cat'], ['cmd']] },
  { name: 'redirect-before-name', src: '2>/dev/null >&2 echo hi', argv: [['echo', 'hi']] },
  { name: 'assignments', src: 'DEBIAN_FRONTEND=noninteractive LANG="C.UTF-8" apt-get install -y x', argv: [['apt-get', 'install', '-y', 'x']], assignments: [['DEBIAN_FRONTEND=noninteractive', 'LANG=C.UTF-8']] },
  { name: 'assignment-only', src: 'A=1 B=2', argv: [[]], assignments: [['A=1', 'B=2']] },
  { name: 'export', src: 'export PATH="/opt/bin:$PATH" && which x', argv: [['export', 'PATH=/opt/bin:$PATH'], ['which', 'x']] },
  { name: 'array', src: 'pkgs=(a b c); apt-get install -y "${pkgs[@]}"', argv: [[], ['apt-get', 'install', '-y', '${pkgs[@]}']], assignments: [['pkgs=(a b c)'], []] },
  { name: 'comments', src: 'apt-get update # refresh lists\n# a whole comment line && not a command\napt-get install x#not-a-comment', argv: [['apt-get', 'update'], ['apt-get', 'install', 'x#not-a-comment']] },
  { name: 'negation', src: '! grep -q x /etc/y', argv: [['grep', '-q', 'x', '/etc/y']] },
  { name: 'background', src: 'dockerd & sleep 5; docker ps', argv: [['dockerd'], ['sleep', '5'], ['docker', 'ps']] },
  { name: 'test-bracket', src: '[[ -n "$X" && $Y == a* ]] && echo yes', argv: [['echo', 'yes']] },
  { name: 'arithmetic', src: 'n=$((1 + 2)); (( n > 2 )) && echo big', argv: [[], ['echo', 'big']], assignments: [['n=$((1 + 2))'], []] },
  { name: 'parameter-expansion', src: 'echo ${VAR:-default} ${X#*/} "${Y//a/b}"', argv: [['echo', '${VAR:-default}', '${X#*/}', '${Y//a/b}']] },
  { name: 'process-substitution', src: 'diff <(sort a) <(sort b)', argv: [['diff', '<(sort a)', '<(sort b)'], ['sort', 'a'], ['sort', 'b']] },
  { name: 'time-exec', src: 'time make -j4 && exec "$@"', argv: [['make', '-j4'], ['exec', '$@']] },
  { name: 'newlines', src: '\n\n  apt-get update\n\n  apt-get clean\n', argv: [['apt-get', 'update'], ['apt-get', 'clean']] },
  { name: 'empty', src: '   ', argv: [] },
  { name: 'glob-and-brace', src: 'rm -rf /var/lib/apt/lists/* /tmp/{a,b}', argv: [['rm', '-rf', '/var/lib/apt/lists/*', '/tmp/{a,b}']] },
  { name: 'keyword-as-argument', src: 'echo if then fi done', argv: [['echo', 'if', 'then', 'fi', 'done']] },
  { name: 'invalid-if', src: 'if true; then echo x', argv: [['true'], ['echo', 'x']], invalid: true },
  { name: 'invalid-quote', src: 'echo "unterminated', argv: [['echo', 'unterminated']], invalid: true },
];
