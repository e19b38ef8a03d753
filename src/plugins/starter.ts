import type { Manifest } from './manifest.ts';

/** The starter plugin `ai-interviewer plugin init` writes: small, valid, and meant to be edited. */
export function starterManifest(id: string, publisher: string): Manifest {
  return {
    id,
    version: '0.1.0',
    name: 'Support Engineer question bank',
    description: 'A starter bank: replace these questions, rubrics and golden answers with your own.',
    publisher,
    license: 'CC-BY-4.0',
    locale: 'en',
    roles: [
      {
        id: 'support-engineer',
        title: 'Support Engineer',
        description: 'Resolves technical issues for customers.',
      },
    ],
    competencies: [
      {
        id: 'troubleshooting',
        name: 'Troubleshooting',
        description: 'Finds the cause of a problem methodically.',
      },
      {
        id: 'communication',
        name: 'Communication',
        description: 'Explains clearly to customers and colleagues.',
      },
    ],
    rubrics: [
      {
        id: 'troubleshooting-rubric',
        competency: 'troubleshooting',
        criteria: [
          {
            id: 'method',
            name: 'Method',
            weight: 2,
            levels: {
              '1': 'Guesses at fixes with no diagnosis.',
              '2': 'Tries common fixes, little isolation of the cause.',
              '3': 'Reproduces the issue and narrows it down in a sensible order.',
              '4': 'Forms and tests hypotheses, uses logs and data to isolate the cause.',
              '5': 'Systematic isolation, confirms the root cause and prevents recurrence.',
            },
          },
          {
            id: 'outcome',
            name: 'Outcome',
            weight: 1,
            levels: {
              '1': 'No resolution or learning described.',
              '2': 'Resolved by chance or by others.',
              '3': 'Resolved the issue for the customer.',
              '4': 'Resolved it and documented the fix.',
              '5': 'Resolved it, documented it, and removed the cause for every customer.',
            },
          },
        ],
      },
      {
        id: 'communication-rubric',
        competency: 'communication',
        criteria: [
          {
            id: 'clarity',
            name: 'Clarity',
            weight: 1,
            levels: {
              '1': 'Confusing or jargon-heavy.',
              '2': 'Understandable with effort.',
              '3': 'Clear and structured.',
              '4': 'Clear, structured and adapted to the listener.',
              '5': 'Clear, empathetic, adapted, and checks understanding.',
            },
          },
        ],
      },
    ],
    questions: [
      {
        id: 'intro-background',
        roles: ['support-engineer'],
        phase: 'intro',
        competencies: ['communication'],
        difficulty: 1,
        text: 'Tell me briefly about your background and what draws you to support engineering.',
        referenceAnswer:
          'I spent three years in customer support for a B2B SaaS product, the last year as a tier-2 engineer handling API and integration issues for about 200 business customers. I enjoy the detective work of finding why something breaks for one customer, and the experience of turning a frustrated customer into a happy one is what draws me to support engineering.',
        expectedPoints: [
          {
            id: 'experience',
            text: 'Relevant experience with customers or systems',
            keywords: ['customer', 'support', 'experience'],
          },
        ],
        followUps: [],
        rubric: 'communication-rubric',
      },
      {
        id: 'tech-slow-page',
        roles: ['support-engineer'],
        phase: 'technical',
        competencies: ['troubleshooting'],
        difficulty: 3,
        text: 'A customer says a page in our app became slow this morning. How do you investigate?',
        referenceAnswer:
          'First I reproduce the problem and scope it: which page, which users or accounts, and since when. Then I use our metrics, logs and traces for that page to see where the time goes and when latency changed. I check recent changes, such as a deploy or config change this morning, and if one lines up I work with the team to roll it back, keeping the customer updated until it is fixed.',
        expectedPoints: [
          {
            id: 'reproduce',
            text: 'Reproduce and scope the problem',
            keywords: ['reproduce', 'scope', 'which users'],
          },
          {
            id: 'data',
            text: 'Use logs, metrics or traces',
            keywords: ['logs', 'metrics', 'traces', 'monitoring'],
          },
          {
            id: 'recent-change',
            text: 'Check recent changes or deploys',
            keywords: ['deploy', 'release', 'change'],
          },
        ],
        followUps: [
          {
            id: 'ask-changes',
            when: { missingPoint: 'recent-change' },
            text: 'What changed recently, and how would you find out?',
          },
        ],
        rubric: 'troubleshooting-rubric',
        timeLimitSec: 300,
      },
    ],
    goldenAnswers: [
      {
        questionId: 'tech-slow-page',
        label: 'strong',
        answer:
          'First I would reproduce it and scope it: which users, which page, since when. Then I would look at our metrics and traces for that endpoint and compare latency before and after 9am. I would check the deploy log for a release this morning, and if one lines up I would confirm with the team and roll back. I would update the customer every hour and write up the root cause.',
        expected: { min: 65, max: 100 },
      },
      {
        questionId: 'tech-slow-page',
        label: 'weak',
        answer: 'I would ask them to clear their cache and try again.',
        expected: { min: 0, max: 35 },
      },
    ],
  };
}
