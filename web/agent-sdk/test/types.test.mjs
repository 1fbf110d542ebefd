// The TypeScript declarations follow the published frame schemas: every property a schema names is declared, and
// every enum value it allows is spelled out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const schemas = fileURLToPath(new URL('../../../src/main/resources/asyncapi/schemas/', import.meta.url));
const dts = readFileSync(new URL('../carepulse-agent.d.ts', import.meta.url), 'utf8');
const skip = existsSync(schemas) ? false : 'the schemas live in the CarePulse repository';

const INTERFACES = {
  hello: ['HelloFrame'], 'call.start': ['CallStartFrame', 'CallFrameBase'], utterance: ['UtteranceFrame', 'UtteranceFields', 'CallFrameBase'],
  acoustic: ['AcousticFrame', 'AcousticFields', 'CallFrameBase'], event: ['EventFrame', 'CallFrameBase'],
  emotion: ['EmotionFrame', 'EmotionFields', 'CallFrameBase'], 'prompt.feedback': ['PromptFeedbackFrame', 'CallFrameBase'],
  'call.end': ['CallEndFrame', 'CallFrameBase'], welcome: ['WelcomeMessage'], ack: ['AckMessage'], score: ['ScoreMessage'],
  prompt: ['PromptMessage'], whisper: ['WhisperMessage'], kudos: ['KudosMessage'], holdout: ['HoldoutMessage'], error: ['ErrorMessage'],
};

function body(name) {
  const start = dts.search(new RegExp(`interface ${name}\\b`));
  assert.ok(start >= 0, `interface ${name} declared`);
  let depth = 0;
  for (let i = dts.indexOf('{', start); i < dts.length; i++) {
    if (dts[i] === '{') depth++;
    if (dts[i] === '}' && --depth === 0) return dts.slice(start, i);
  }
  return '';
}

function enums(schema, into = new Set()) {
  if (schema && typeof schema === 'object') {
    if (Array.isArray(schema.enum)) schema.enum.forEach((v) => into.add(String(v)));
    Object.values(schema).forEach((v) => enums(v, into));
  }
  return into;
}

for (const [file, names] of Object.entries(INTERFACES)) {
  test(`${file}.json is declared`, { skip }, () => {
    const schema = JSON.parse(readFileSync(`${schemas}${file}.json`, 'utf8'));
    const declared = names.map(body).join('\n');
    for (const [property, spec] of Object.entries(schema.properties)) {
      assert.match(declared, new RegExp(`\\b${property}\\??:`), `${file}.${property}`);
      if (schema.required?.includes(property) && property !== 'type') {
        assert.match(declared, new RegExp(`\\b${property}:`), `${file}.${property} is required`);
      }
      if (spec.const !== undefined && property === 'type') assert.match(declared, new RegExp(`type: '${spec.const}'`));
    }
    for (const value of enums(schema)) assert.ok(dts.includes(`'${value}'`), `${file}: enum value ${value}`);
  });
}
