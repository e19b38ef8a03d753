import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import {
  adverseImpactCsv,
  adverseImpactReport,
  RACE_ETHNICITY_CATEGORIES,
  SEX_CATEGORIES,
} from '../../compliance/adverse-impact/index.ts';
import { emSql } from '../../db/index.ts';
import { audit } from '../audit.ts';
import type { AppEnv } from '../env.ts';
import { requireAuth } from '../middleware/auth.ts';
import { bearerSecurity, problems } from '../openapi.ts';

/** A window bound: a day (UTC; as `to`, the whole day) or an instant with its offset (inclusive). */
const Bound = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

const Rates = {
  candidates: z.number().int(),
  selected: z.number().int().openapi({ description: 'recommended hire or strong_hire' }),
  selectionRate: z.number().nullable().openapi({ description: 'selected / candidates' }),
  aboveMedian: z.number().int().openapi({ description: 'scored above the median overall score' }),
  scoringRate: z.number().nullable().openapi({ description: 'aboveMedian / candidates' }),
};
const RatesSchema = z.object(Rates).openapi('ImpactRates');

const CategorySchema = z
  .object({
    sex: z.enum(SEX_CATEGORIES).nullable(),
    raceEthnicity: z.enum(RACE_ETHNICITY_CATEGORIES).nullable(),
    ...Rates,
    share: z.number().openapi({ description: 'candidates / all counted candidates' }),
    excluded: z.boolean().openapi({ description: 'under 2 % of the data: reported, no impact ratio' }),
    selectionImpactRatio: z.number().nullable(),
    scoringImpactRatio: z.number().nullable(),
    selectionFlagged: z.boolean().openapi({ description: 'selectionImpactRatio below 0.8' }),
    scoringFlagged: z.boolean().openapi({ description: 'scoringImpactRatio below 0.8' }),
  })
  .openapi('ImpactCategory');

const ReportSchema = z
  .object({
    position: z.object({ id: z.uuid(), title: z.string() }).nullable(),
    from: z.string().nullable(),
    to: z.string().nullable(),
    generatedAt: z.string(),
    smallCategoryShare: z.number(),
    impactRatioFlag: z.number(),
    ...Rates,
    medianScore: z.number().nullable(),
    dimensions: z.array(
      z.object({
        dimension: z.enum(['sex', 'race_ethnicity', 'intersectional']),
        categories: z.array(CategorySchema),
        declined: RatesSchema,
        unknown: RatesSchema,
        highestSelectionRate: z.number().nullable(),
        highestScoringRate: z.number().nullable(),
      }),
    ),
  })
  .openapi('AdverseImpactReport');

const route = createRoute({
  tags: ['compliance'],
  security: bearerSecurity,
  method: 'get',
  path: '/api/v1/compliance/adverse-impact',
  summary:
    'Selection and scoring rates and impact ratios by sex, race/ethnicity and both (NYC Local Law 144), from candidates’ voluntary self-identification',
  middleware: [requireAuth('admin')] as const,
  request: {
    query: z.object({
      positionId: z.uuid().optional().openapi({ description: 'only the interviews of this position' }),
      from: Bound.optional().openapi({ description: 'interviews ended from (a day, UTC, or an instant)' }),
      to: Bound.optional().openapi({ description: 'interviews ended until (a whole day, or an instant)' }),
      format: z.enum(['json', 'csv']).default('json'),
    }),
  },
  responses: {
    200: {
      description: 'The report (format=csv: a CSV download, one row per category)',
      content: {
        'application/json': { schema: ReportSchema },
        'text/csv': { schema: z.string() },
      },
    },
    ...problems(400, 401, 403, 404),
  },
});

export function registerComplianceImpact(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { format, ...query } = c.req.valid('query');
    const report = await adverseImpactReport(emSql(c.get('em')), c.get('principal').tenantId, query);
    // who looked at the numbers, and which: counts only, never a category's figures
    await audit(c, {
      action: 'adverse_impact.viewed',
      target: query.positionId ?? null,
      data: { format, from: query.from ?? null, to: query.to ?? null, candidates: report.candidates },
    });
    if (format === 'csv') {
      const day = report.generatedAt.slice(0, 10);
      return c.body(adverseImpactCsv(report), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="adverse-impact-${day}.csv"`,
      });
    }
    return c.json(report, 200);
  });
}
