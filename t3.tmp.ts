import { runScript } from './server/src/engine/run';
import { DockerfileModel } from './server/src/engine/model';
const m = new DockerfileModel('FROM x\nRUN [ "$PYTORCH" != "pre" ] && python3 -m pip install x\n');
console.log(JSON.stringify(runScript(m.instructions[1].node)));
