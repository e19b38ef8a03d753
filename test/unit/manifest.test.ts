import { describe, expect, it } from 'vitest';
import { manifestJsonSchema } from '../../src/plugins/json-schema.ts';
import { MANIFEST_MAX_BYTES } from '../../src/plugins/manifest.ts';
import { starterManifest } from '../../src/plugins/starter.ts';
import { type ValidationResult, validateManifest } from '../../src/plugins/validate.ts';

// Rows deliberately break the typed shape, so the draft under mutation is untyped.
// biome-ignore lint/suspicious/noExplicitAny: mutating a manifest into invalid shapes
type Draft = any;

const starter = (): Draft => structuredClone(starterManifest('acme.support', 'Acme'));
const starterJson = () => JSON.stringify(starter());

/** Nest `leaf` inside `levels` objects: { a: { a: ... leaf } }. */
const nestObject = (levels: number, leaf: unknown): unknown => {
  let v = leaf;
  for (let i = 0; i < levels; i++) v = { a: v };
  return v;
};

/** Insert `"key": value` as the first member of the object whose text starts with `anchor`. */
const injectBefore = (json: string, anchor: string, member: string) => {
  const at = json.indexOf(anchor);
  if (at < 0) throw new Error(`anchor ${anchor} not found`);
  return `${json.slice(0, at)}${member},${json.slice(at)}`;
};

type Row = { name: string; paths: string[] } & (
  | { mutate: (m: Draft) => void }
  | { raw: string | Uint8Array }
  | { value: unknown }
);

const inputOf = (row: Row): unknown => {
  if ('mutate' in row) {
    const m = starter();
    row.mutate(m);
    return m;
  }
  return 'raw' in row ? row.raw : row.value;
};

const rows: Row[] = [
  // --- every required top-level field missing
  ...(
    [
      'id',
      'version',
      'name',
      'description',
      'publisher',
      'license',
      'locale',
      'roles',
      'competencies',
      'rubrics',
      'questions',
    ] as const
  ).map(
    (key): Row => ({
      name: `missing top-level "${key}"`,
      mutate: (m) => {
        delete m[key];
      },
      paths: [`/${key}`],
    }),
  ),

  // --- wrong types
  {
    name: 'name is a number',
    mutate: (m) => {
      m.name = 42;
    },
    paths: ['/name'],
  },
  {
    name: 'version is a number',
    mutate: (m) => {
      m.version = 1;
    },
    paths: ['/version'],
  },
  {
    name: 'roles is an object',
    mutate: (m) => {
      m.roles = {};
    },
    paths: ['/roles'],
  },
  {
    name: 'questions is a string',
    mutate: (m) => {
      m.questions = 'q';
    },
    paths: ['/questions'],
  },
  {
    name: 'difficulty is a string',
    mutate: (m) => {
      m.questions[0].difficulty = '2';
    },
    paths: ['/questions/0/difficulty'],
  },
  {
    name: 'criterion weight is a string',
    mutate: (m) => {
      m.rubrics[0].criteria[0].weight = '2';
    },
    paths: ['/rubrics/0/criteria/0/weight'],
  },
  {
    name: 'question roles is a string',
    mutate: (m) => {
      m.questions[0].roles = 'support-engineer';
    },
    paths: ['/questions/0/roles'],
  },
  {
    name: 'expected-point keywords is a string',
    mutate: (m) => {
      m.questions[1].expectedPoints[0].keywords = 'logs';
    },
    paths: ['/questions/1/expectedPoints/0/keywords'],
  },
  {
    name: 'role is null',
    mutate: (m) => {
      m.roles[0] = null;
    },
    paths: ['/roles/0'],
  },
  {
    name: 'goldenAnswers is an object',
    mutate: (m) => {
      m.goldenAnswers = {};
    },
    paths: ['/goldenAnswers'],
  },

  // --- bad plugin id slugs
  {
    name: 'id uppercase',
    mutate: (m) => {
      m.id = 'Acme.support';
    },
    paths: ['/id'],
  },
  {
    name: 'id with a space',
    mutate: (m) => {
      m.id = 'acme support';
    },
    paths: ['/id'],
  },
  {
    name: 'id with a leading dot',
    mutate: (m) => {
      m.id = '.acme';
    },
    paths: ['/id'],
  },
  {
    name: 'id with a double dot',
    mutate: (m) => {
      m.id = 'acme..support';
    },
    paths: ['/id'],
  },
  {
    name: 'id too short (2)',
    mutate: (m) => {
      m.id = 'ab';
    },
    paths: ['/id'],
  },
  {
    name: 'id too long (101)',
    mutate: (m) => {
      m.id = 'a'.repeat(101);
    },
    paths: ['/id'],
  },
  {
    name: 'local id uppercase (role)',
    mutate: (m) => {
      m.roles[0].id = 'Support';
      m.questions[0].roles = ['Support'];
      m.questions[1].roles = ['Support'];
    },
    paths: ['/roles/0/id'],
  },
  {
    name: 'local id starting with "-" (question)',
    mutate: (m) => {
      m.questions[0].id = '-intro';
    },
    paths: ['/questions/0/id'],
  },

  // --- bad semver
  ...['1.0', 'v1.0.0', '01.0.0', '1.0.0-', '', '1.0.0-01', '1.0.0+'].map(
    (version): Row => ({
      name: `version ${JSON.stringify(version)}`,
      mutate: (m) => {
        m.version = version;
      },
      paths: ['/version'],
    }),
  ),

  // --- bad locale
  ...['english', 'EN', 'en_US', 'en-us', ''].map(
    (locale): Row => ({
      name: `locale ${JSON.stringify(locale)}`,
      mutate: (m) => {
        m.locale = locale;
      },
      paths: ['/locale'],
    }),
  ),

  // --- empty arrays where at least one item is required
  {
    name: 'roles empty',
    mutate: (m) => {
      m.roles = [];
    },
    paths: ['/roles'],
  },
  {
    name: 'competencies empty',
    mutate: (m) => {
      m.competencies = [];
    },
    paths: ['/competencies'],
  },
  {
    name: 'rubrics empty',
    mutate: (m) => {
      m.rubrics = [];
    },
    paths: ['/rubrics'],
  },
  {
    name: 'questions empty',
    mutate: (m) => {
      m.questions = [];
    },
    paths: ['/questions'],
  },
  {
    name: 'rubric criteria empty',
    mutate: (m) => {
      m.rubrics[1].criteria = [];
    },
    paths: ['/rubrics/1/criteria'],
  },
  {
    name: 'question roles empty',
    mutate: (m) => {
      m.questions[0].roles = [];
    },
    paths: ['/questions/0/roles'],
  },
  {
    name: 'question competencies empty',
    mutate: (m) => {
      m.questions[0].competencies = [];
    },
    paths: ['/questions/0/competencies'],
  },

  // --- duplicate ids
  {
    name: 'duplicate role id',
    mutate: (m) => {
      m.roles.push({ ...m.roles[0] });
    },
    paths: ['/roles/1/id'],
  },
  {
    name: 'duplicate competency id',
    mutate: (m) => {
      m.competencies[1].id = 'troubleshooting';
    },
    paths: ['/competencies/1/id'],
  },
  {
    name: 'duplicate rubric id',
    mutate: (m) => {
      m.rubrics[1].id = 'troubleshooting-rubric';
    },
    paths: ['/rubrics/1/id'],
  },
  {
    name: 'duplicate question id',
    mutate: (m) => {
      m.questions[1].id = 'intro-background';
    },
    paths: ['/questions/1/id'],
  },
  {
    name: 'duplicate criterion id within a rubric',
    mutate: (m) => {
      m.rubrics[0].criteria[1].id = 'method';
    },
    paths: ['/rubrics/0/criteria/1/id'],
  },
  {
    name: 'duplicate expected-point id within a question',
    mutate: (m) => {
      m.questions[1].expectedPoints[2].id = 'reproduce';
    },
    paths: ['/questions/1/expectedPoints/2/id'],
  },
  {
    name: 'duplicate follow-up id within a question',
    mutate: (m) => {
      m.questions[1].followUps.push({
        id: 'ask-changes',
        when: { scoreBelow: 40 },
        text: 'Walk me through the first five minutes.',
      });
    },
    paths: ['/questions/1/followUps/1/id'],
  },

  // --- dangling references
  {
    name: 'rubric.competency unknown',
    mutate: (m) => {
      m.rubrics[0].competency = 'ghost';
    },
    paths: ['/rubrics/0/competency'],
  },
  {
    name: 'question.roles[] unknown',
    mutate: (m) => {
      m.questions[0].roles = ['ghost'];
    },
    paths: ['/questions/0/roles/0'],
  },
  {
    name: 'question.competencies[] unknown',
    mutate: (m) => {
      m.questions[1].competencies.push('ghost');
    },
    paths: ['/questions/1/competencies/1'],
  },
  {
    name: 'question.rubric unknown',
    mutate: (m) => {
      m.questions[0].rubric = 'ghost-rubric';
    },
    paths: ['/questions/0/rubric'],
  },
  {
    name: 'followUp.when.missingPoint unknown',
    mutate: (m) => {
      m.questions[1].followUps[0].when = { missingPoint: 'ghost' };
    },
    paths: ['/questions/1/followUps/0/when/missingPoint'],
  },
  {
    name: 'goldenAnswer.questionId unknown',
    mutate: (m) => {
      m.goldenAnswers[1].questionId = 'ghost';
    },
    paths: ['/goldenAnswers/1/questionId'],
  },
  {
    name: "question's rubric scores a competency the question does not list",
    mutate: (m) => {
      m.questions[0].rubric = 'troubleshooting-rubric';
    },
    paths: ['/questions/0/rubric'],
  },

  // --- rubric levels and weights
  {
    name: 'levels missing "3"',
    mutate: (m) => {
      delete m.rubrics[0].criteria[0].levels['3'];
    },
    paths: ['/rubrics/0/criteria/0/levels/3'],
  },
  {
    name: 'levels with an extra "6"',
    mutate: (m) => {
      m.rubrics[0].criteria[0].levels['6'] = 'Beyond excellent.';
    },
    paths: ['/rubrics/0/criteria/0/levels/6'],
  },
  ...[0, -1, 101].map(
    (weight): Row => ({
      name: `criterion weight ${weight}`,
      mutate: (m) => {
        m.rubrics[0].criteria[1].weight = weight;
      },
      paths: ['/rubrics/0/criteria/1/weight'],
    }),
  ),

  // --- question fields
  ...[0, 6, 2.5].map(
    (difficulty): Row => ({
      name: `difficulty ${difficulty}`,
      mutate: (m) => {
        m.questions[1].difficulty = difficulty;
      },
      paths: ['/questions/1/difficulty'],
    }),
  ),
  {
    name: 'unknown phase',
    mutate: (m) => {
      m.questions[0].phase = 'warmup';
    },
    paths: ['/questions/0/phase'],
  },
  {
    name: 'timeLimitSec 5',
    mutate: (m) => {
      m.questions[1].timeLimitSec = 5;
    },
    paths: ['/questions/1/timeLimitSec'],
  },

  // --- follow-up conditions
  {
    name: 'followUp.when with both missingPoint and scoreBelow',
    mutate: (m) => {
      m.questions[1].followUps[0].when = { missingPoint: 'data', scoreBelow: 50 };
    },
    paths: ['/questions/1/followUps/0/when'],
  },
  {
    name: 'followUp.when with neither key',
    mutate: (m) => {
      m.questions[1].followUps[0].when = {};
    },
    paths: ['/questions/1/followUps/0/when'],
  },
  {
    name: 'followUp.when with an unknown key',
    mutate: (m) => {
      m.questions[1].followUps[0].when = { afterSeconds: 30 };
    },
    paths: ['/questions/1/followUps/0/when'],
  },
  {
    name: 'followUp.when.scoreBelow 150',
    mutate: (m) => {
      m.questions[1].followUps[0].when = { scoreBelow: 150 };
    },
    paths: ['/questions/1/followUps/0/when/scoreBelow'],
  },

  // --- golden answers
  {
    name: 'golden answer expected min > max',
    mutate: (m) => {
      m.goldenAnswers[0].expected = { min: 80, max: 20 };
    },
    paths: ['/goldenAnswers/0/expected'],
  },
  {
    name: 'golden answer expected min -1',
    mutate: (m) => {
      m.goldenAnswers[1].expected.min = -1;
    },
    paths: ['/goldenAnswers/1/expected/min'],
  },
  {
    name: 'golden answer expected max 101',
    mutate: (m) => {
      m.goldenAnswers[0].expected.max = 101;
    },
    paths: ['/goldenAnswers/0/expected/max'],
  },
  {
    name: 'golden answer unknown label',
    mutate: (m) => {
      m.goldenAnswers[0].label = 'excellent';
    },
    paths: ['/goldenAnswers/0/label'],
  },

  // --- unknown keys: the path names the key
  {
    name: 'unknown top-level key',
    mutate: (m) => {
      m.extra = true;
    },
    paths: ['/extra'],
  },
  {
    name: 'unknown key in a question',
    mutate: (m) => {
      m.questions[0].extra = 1;
    },
    paths: ['/questions/0/extra'],
  },
  {
    name: 'unknown key in a role',
    mutate: (m) => {
      m.roles[0].level = 'senior';
    },
    paths: ['/roles/0/level'],
  },
  {
    name: 'unknown key in a criterion',
    mutate: (m) => {
      m.rubrics[1].criteria[0].extra = 1;
    },
    paths: ['/rubrics/1/criteria/0/extra'],
  },
  {
    name: 'unknown key in a follow-up',
    mutate: (m) => {
      m.questions[1].followUps[0].priority = 1;
    },
    paths: ['/questions/1/followUps/0/priority'],
  },
  {
    name: 'unknown key in golden answer expected',
    mutate: (m) => {
      m.goldenAnswers[0].expected.mean = 80;
    },
    paths: ['/goldenAnswers/0/expected/mean'],
  },
  {
    name: 'unknown key needing JSON-pointer escaping ("a/b~c")',
    mutate: (m) => {
      m.questions[0]['a/b~c'] = 1;
    },
    paths: ['/questions/0/a~1b~0c'],
  },
  {
    name: 'misspelled key (competencys) in a question',
    mutate: (m) => {
      m.questions[0].competencys = m.questions[0].competencies;
      delete m.questions[0].competencies;
    },
    paths: ['/questions/0/competencys', '/questions/0/competencies'],
  },

  // --- empty after trim
  {
    name: 'name blank after trim',
    mutate: (m) => {
      m.name = '   ';
    },
    paths: ['/name'],
  },
  {
    name: 'question text blank after trim',
    mutate: (m) => {
      m.questions[0].text = '\n\t ';
    },
    paths: ['/questions/0/text'],
  },
  {
    name: 'role title blank after trim',
    mutate: (m) => {
      m.roles[0].title = ' ';
    },
    paths: ['/roles/0/title'],
  },
  {
    name: 'level text blank after trim',
    mutate: (m) => {
      m.rubrics[0].criteria[0].levels['1'] = '  ';
    },
    paths: ['/rubrics/0/criteria/0/levels/1'],
  },
  {
    name: 'keyword blank after trim',
    mutate: (m) => {
      m.questions[1].expectedPoints[1].keywords = ['logs', ' '];
    },
    paths: ['/questions/1/expectedPoints/1/keywords/1'],
  },

  // --- oversize strings
  {
    name: 'question text over 2000 chars',
    mutate: (m) => {
      m.questions[0].text = 'x'.repeat(2001);
    },
    paths: ['/questions/0/text'],
  },
  {
    name: 'name over 120 chars',
    mutate: (m) => {
      m.name = 'n'.repeat(121);
    },
    paths: ['/name'],
  },
  {
    name: 'description over 4000 chars',
    mutate: (m) => {
      m.description = 'd'.repeat(4001);
    },
    paths: ['/description'],
  },
  {
    name: 'golden answer over 20000 chars',
    mutate: (m) => {
      m.goldenAnswers[1].answer = 'a'.repeat(20_001);
    },
    paths: ['/goldenAnswers/1/answer'],
  },

  // --- oversize document (checked before parsing, path '')
  {
    name: 'JSON text over 2 MiB (huge description)',
    raw: JSON.stringify({ ...starter(), description: 'd'.repeat(MANIFEST_MAX_BYTES) }),
    paths: [''],
  },
  {
    name: 'JSON text over 2 MiB (valid manifest padded with whitespace)',
    raw: `${starterJson()}${' '.repeat(MANIFEST_MAX_BYTES)}`,
    paths: [''],
  },
  {
    name: 'bytes over 2 MiB',
    raw: Buffer.from(JSON.stringify({ ...starter(), description: 'd'.repeat(MANIFEST_MAX_BYTES) })),
    paths: [''],
  },
  {
    name: 'parsed value over 2 MiB',
    mutate: (m) => {
      m.description = 'd'.repeat(MANIFEST_MAX_BYTES);
    },
    paths: [''],
  },

  // --- deep nesting
  {
    name: 'golden answer replaced by a 40-level nested object',
    mutate: (m) => {
      m.goldenAnswers[0].answer = nestObject(40, 'deep');
    },
    paths: [`/goldenAnswers/0/answer${'/a'.repeat(14)}`],
  },
  {
    name: 'JSON text nested 50 levels',
    raw: `${'{"a":'.repeat(50)}1${'}'.repeat(50)}`,
    paths: ['/a'.repeat(17)],
  },
  {
    name: 'JSON text of arrays nested 50 levels inside a question',
    raw: starterJson().replace('"phase":"intro"', `"phase":${'['.repeat(50)}${']'.repeat(50)}`),
    paths: [`/questions/0/phase${'/0'.repeat(14)}`],
  },

  // --- prototype keys (raw JSON text: an object literal would set the prototype instead)
  {
    name: '"__proto__" at top level',
    raw: injectBefore(starterJson(), '"id":"acme.support"', '"__proto__":{"polluted":true}'),
    paths: ['/__proto__'],
  },
  {
    name: '"__proto__" nested inside a question',
    raw: injectBefore(starterJson(), '"id":"intro-background"', '"__proto__":{"polluted":true}'),
    paths: ['/questions/0/__proto__'],
  },
  {
    name: '"constructor" key inside rubric levels',
    raw: injectBefore(
      starterJson(),
      '"1":"Guesses at fixes',
      '"constructor":{"prototype":{"polluted":true}}',
    ),
    paths: ['/rubrics/0/criteria/0/levels/constructor'],
  },
  {
    name: '"prototype" key at top level',
    raw: injectBefore(starterJson(), '"id":"acme.support"', '"prototype":{}'),
    paths: ['/prototype'],
  },

  // --- invalid JSON text
  { name: 'JSON with a trailing comma', raw: starterJson().replace(/}$/, ',}'), paths: [''] },
  { name: 'JSON with single quotes', raw: starterJson().replaceAll('"', "'"), paths: [''] },
  { name: 'truncated JSON', raw: starterJson().slice(0, 100), paths: [''] },
  { name: 'empty text', raw: '', paths: [''] },

  // --- not an object
  { name: 'null', value: null, paths: [''] },
  { name: 'an array', value: [starter()], paths: [''] },
  { name: 'JSON text of a string ("x")', raw: '"x"', paths: [''] },
  { name: 'a number', value: 42, paths: [''] },
  { name: 'JSON text "null"', raw: 'null', paths: [''] },
  { name: 'undefined', value: undefined, paths: [''] },
];

/** Validate, asserting that it returns rather than throws. */
function validate(input: unknown): ValidationResult {
  let result: ValidationResult | undefined;
  expect(() => {
    result = validateManifest(input);
  }).not.toThrow();
  return result!;
}

describe('validateManifest: broken manifests', () => {
  it('has a large table with unique names', () => {
    expect(rows.length).toBeGreaterThanOrEqual(60);
    expect(new Set(rows.map((r) => r.name)).size).toBe(rows.length);
  });

  const titled = rows.map(
    (row) => [`${row.name} → ${row.paths.map((p) => p || "''").join(', ')}`, row] as const,
  );
  it.each(titled)('%s', (_title, row) => {
    const result = validate(inputOf(row));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.length).toBeGreaterThan(0);
    for (const p of result.problems) {
      expect(p.path).toMatch(/^(\/.*)?$/);
      expect(p.message).toEqual(expect.any(String));
    }
    const paths = result.problems.map((p) => p.path);
    for (const expected of row.paths) expect(paths).toContain(expected);
  });

  // Regression: the size check once serialised a parsed value before the depth walk, so a deeply
  // nested body (as the publish route hands over after parsing) threw RangeError.
  it('returns a problem for a parsed value nested 10,000 levels', () => {
    const deep = JSON.parse(`${'['.repeat(10_000)}${']'.repeat(10_000)}`);
    expect(validate(deep).ok).toBe(false);
  });
});

describe('validateManifest: valid manifests', () => {
  const ok = (input: unknown) => {
    const result = validate(input);
    if (!result.ok) throw new Error(`expected a valid manifest: ${JSON.stringify(result.problems)}`);
    return result;
  };

  /** Deep copy with every object's keys in reverse order. */
  const reverseKeys = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(reverseKeys);
    if (v !== null && typeof v === 'object')
      return Object.fromEntries(
        Object.keys(v)
          .reverse()
          .map((k) => [k, reverseKeys((v as Record<string, unknown>)[k])]),
      );
    return v;
  };

  it('accepts the starter, as a value, as JSON text and as bytes', () => {
    const asValue = ok(starter());
    expect(asValue.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(asValue.manifest.id).toBe('acme.support');
    expect(ok(starterJson()).sha256).toBe(asValue.sha256);
    expect(ok(Buffer.from(starterJson())).sha256).toBe(asValue.sha256);
    expect(ok(new TextEncoder().encode(starterJson())).sha256).toBe(asValue.sha256);
  });

  it('hashes the same content identically whatever the key order and whitespace', () => {
    const compact = JSON.stringify(starter());
    const reordered = JSON.stringify(reverseKeys(starter()), null, 4);
    expect(reordered).not.toBe(compact);
    expect(reordered.indexOf('"goldenAnswers"')).toBeLessThan(reordered.indexOf('"id"'));
    expect(ok(reordered).sha256).toBe(ok(compact).sha256);
    expect(ok(`\n\t ${compact}\r\n`).sha256).toBe(ok(compact).sha256);
  });

  it('hashes differently when one question text changes', () => {
    const changed = starter();
    changed.questions[1].text = `${changed.questions[1].text} Be specific.`;
    expect(ok(changed).sha256).not.toBe(ok(starter()).sha256);
  });

  it('accepts $schema and strips it (the hash ignores it)', () => {
    const withSchema = { $schema: 'https://example.test/plugin.schema.json', ...starter() };
    const result = ok(withSchema);
    expect(result.manifest).not.toHaveProperty('$schema');
    expect(result.sha256).toBe(ok(starter()).sha256);
  });

  it('applies defaults for omitted optional arrays', () => {
    const m = starter();
    delete m.questions[0].followUps;
    delete m.questions[0].expectedPoints;
    delete m.goldenAnswers;
    const { manifest } = ok(m);
    expect(manifest.questions[0]!.followUps).toEqual([]);
    expect(manifest.questions[0]!.expectedPoints).toEqual([]);
    expect(manifest.goldenAnswers).toEqual([]);
  });

  it('hashes an omitted array the same as an explicit empty one', () => {
    const omitted = starter();
    delete omitted.questions[0].followUps;
    expect(ok(omitted).sha256).toBe(ok(starter()).sha256); // the starter has followUps: []
  });

  it('trims text fields', () => {
    const m = starter();
    m.name = '  Support bank \n';
    expect(ok(m).manifest.name).toBe('Support bank');
  });

  it('does not share default arrays between results', () => {
    const m = starter();
    delete m.questions[0].followUps;
    const a = ok(m);
    const b = ok(m);
    a.manifest.questions[0]!.followUps.push({ id: 'x', when: { scoreBelow: 1 }, text: 'x' });
    expect(b.manifest.questions[0]!.followUps).toEqual([]);
  });
});

describe('validateManifest: referenceAnswer', () => {
  const model =
    'First I reproduce it and scope it: which users, which page, since when. Then I check metrics, traces and the deploy log.';

  it('accepts a reference answer, keeps it trimmed, and hashes it as content', () => {
    const m = starter();
    m.questions[1].referenceAnswer = `  ${model}\n`;
    const result = validate(m);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.manifest.questions[1]!.referenceAnswer).toBe(model);
    const without = starter();
    delete without.questions[1].referenceAnswer;
    const plain = validate(without);
    if (!plain.ok) throw new Error(JSON.stringify(plain.problems));
    expect(plain.manifest.questions[1]).not.toHaveProperty('referenceAnswer');
    expect(result.sha256).not.toBe(plain.sha256);
  });

  it('is in the starter `plugin init` writes, on every question', () => {
    for (const q of starterManifest('acme.support', 'Acme').questions) {
      expect(q.referenceAnswer?.trim(), q.id).toBeTruthy();
    }
  });

  it('is in the published JSON Schema: an optional string of at most 4000 characters, described', () => {
    // biome-ignore lint/suspicious/noExplicitAny: walking a generated JSON Schema
    const question = (manifestJsonSchema() as any).properties.questions.items;
    expect(question.properties.referenceAnswer).toEqual({
      type: 'string',
      minLength: 1,
      maxLength: 4000,
      description: expect.stringContaining('never shown to candidates'),
    });
    expect(question.required).not.toContain('referenceAnswer');
  });

  it('accepts one of exactly 4000 characters', () => {
    const m = starter();
    m.questions[0].referenceAnswer = 'a'.repeat(4000);
    expect(validate(m).ok).toBe(true);
  });

  it.each([
    ['empty', '', /too small.*>=1 characters/i],
    ['whitespace only', ' \n\t ', /too small.*>=1 characters/i],
    ['a number', 42, /expected string, received number/],
    ['null', null, /expected string, received null/],
    ['an array of strings', [model], /expected string, received array/],
    ['over 4000 characters', 'a'.repeat(4001), /too big.*<=4000 characters/i],
  ])('refuses %s, naming /questions/1/referenceAnswer', (_name, value, message) => {
    const m = starter();
    m.questions[1].referenceAnswer = value;
    const result = validate(m);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([{ path: '/questions/1/referenceAnswer', message: expect.any(String) }]);
    expect(result.problems[0]!.message).toMatch(message);
  });
});
