import type { Kysely } from 'kysely'

// Frozen in time: no imports from src/. The seed is a starting point for the
// municipality's lawyers, who own the catalogue and edit it in Läget.

type Seed = {
  code: string
  reference: string
  title: string
  explanation: string
  disclosers: string[] | 'any'
  recipients: string[] | 'any'
  privateRecipients: boolean
  appliesWhen: Record<string, unknown>
  validFrom: string | null
  verify: boolean
}

const authorities = [
  'police',
  'social_services',
  'school',
  'school_health',
  'healthcare',
  'probation',
  'rescue',
  'leisure',
  'municipal_safety',
]

const seeds: Seed[] = [
  {
    code: 'ingen-sekretess',
    reference: 'Ingen sekretessbelagd uppgift',
    title: 'Anonymiserad uppgift om plats eller grupp',
    explanation:
      'Uppgiften gäller platser, tider, grupper och trender och pekar inte ut någon person. Sådan information är normalt inte sekretessbelagd och kan delas i teamet, även med privata aktörer. Tänk på att det inte räcker att ta bort ett namn om bara några få personer kan avses.',
    disclosers: 'any',
    recipients: 'any',
    privateRecipients: true,
    appliesWhen: { identifiable: false },
    validFrom: null,
    verify: false,
  },
  {
    code: 'samtycke',
    reference: 'OSL 12 kap. 2 §',
    title: 'Samtycke från den enskilde',
    explanation:
      'Den som uppgiften gäller har samtyckt till att den lämnas till just dessa mottagare. För ett barn lämnar vårdnadshavarna samtycket, beroende på barnets ålder och mognad. Det viktigaste verktyget i praktiken; dokumentera samtycket i er egen verksamhet.',
    disclosers: 'any',
    recipients: 'any',
    privateRecipients: true,
    appliesWhen: { identifiable: true, consent: true },
    validFrom: null,
    verify: false,
  },
  {
    code: 'osl-10-2',
    reference: 'OSL 10 kap. 2 §',
    title: 'Nödvändigt för den egna verksamheten',
    explanation:
      'Uppgiften får lämnas om det är nödvändigt för att den utlämnande myndigheten ska kunna fullgöra sin egen verksamhet. Bestämmelsen tolkas snävt och ger inte stöd för att lämna uppgifter bara för att mottagaren har nytta av dem.',
    disclosers: authorities,
    recipients: authorities,
    privateRecipients: false,
    appliesWhen: { identifiable: true },
    validFrom: null,
    verify: false,
  },
  {
    code: 'osl-10-18a',
    reference: 'OSL 10 kap. 18 a §',
    title: 'Socialtjänsten till polisen: unga under 21 år',
    explanation:
      'Socialtjänsten får lämna uppgifter om en person under 21 år till polisen om det behövs för att förhindra att den unge begår brott och det finns särskilda omständigheter som visar en risk för det.',
    disclosers: ['social_services'],
    recipients: ['police'],
    privateRecipients: false,
    appliesWhen: { identifiable: true, under21: true, purpose: 'prevent_crime' },
    validFrom: '2013-01-01',
    verify: false,
  },
  {
    code: 'osl-10-18b',
    reference: 'OSL 10 kap. 18 b §',
    title: 'Socialtjänsten till polisen: terroristbrott',
    explanation:
      'Socialtjänsten får lämna uppgifter till polisen eller Säkerhetspolisen om det behövs för att förhindra eller utreda terroristbrott.',
    disclosers: ['social_services'],
    recipients: ['police'],
    privateRecipients: false,
    appliesWhen: { identifiable: true, purpose: 'terrorism' },
    validFrom: '2020-01-01',
    verify: false,
  },
  {
    code: 'osl-10-18c',
    reference: 'OSL 10 kap. 18 c §',
    title: 'Till polisen: allvarligt våld mot närstående',
    explanation:
      'Socialtjänsten och hälso- och sjukvården får lämna uppgifter till polisen om det behövs för att förhindra allvarligt våld mot en närstående.',
    disclosers: ['social_services', 'healthcare', 'school_health'],
    recipients: ['police'],
    privateRecipients: false,
    appliesWhen: { identifiable: true, purpose: 'close_relative_violence' },
    validFrom: null,
    verify: false,
  },
  {
    code: 'osl-10-21-24',
    reference: 'OSL 10 kap. 21–24 §§',
    title: 'Misstanke om begånget brott',
    explanation:
      'Uppgifter som angår misstanke om ett begånget brott av viss svårhet får lämnas till polisen. Trösklarna skiljer sig mellan bestämmelserna och ska kontrolleras mot den aktuella lagtexten.',
    disclosers: authorities,
    recipients: ['police'],
    privateRecipients: false,
    appliesWhen: { identifiable: true, purpose: 'committed_crime' },
    validFrom: null,
    verify: true,
  },
  {
    code: 'osl-10-28-orosanmalan',
    reference: 'OSL 10 kap. 28 § och socialtjänstlagen (orosanmälan)',
    title: 'Anmälningsplikt: oro för ett barn',
    explanation:
      'En uppgiftsskyldighet i lag bryter sekretessen. Myndigheter som arbetar med barn ska genast anmäla till socialtjänsten om de får kännedom om att ett barn kan behöva skydd. I Läget antecknas det som en åtgärd (”orosanmälan gjord”), aldrig som en uppgift om en person.',
    disclosers: authorities,
    recipients: ['social_services'],
    privateRecipients: false,
    appliesWhen: { identifiable: true, under18: true, purpose: 'child_concern' },
    validFrom: null,
    verify: false,
  },
  {
    code: 'osl-25-12-26-9',
    reference: 'OSL 25 kap. 12 § och 26 kap. 9 §',
    title: 'Hälso- och sjukvård och socialtjänst: vård av unga',
    explanation:
      'Hälso- och sjukvården och socialtjänsten får lämna uppgifter till varandra om det behövs för att ge nödvändig vård, behandling eller annat stöd åt den som är under 18 år (och några andra grupper).',
    disclosers: ['healthcare', 'school_health', 'social_services'],
    recipients: ['healthcare', 'school_health', 'social_services'],
    privateRecipients: false,
    appliesWhen: { identifiable: true, under18: true },
    validFrom: null,
    verify: false,
  },
  {
    code: 'reform-2025-uppgiftsskyldighet',
    reference: 'Uppgiftsskyldighet till polisen (reform 2025)',
    title: 'Kommuner, regioner och skolor till polisen',
    explanation:
      'En skyldighet för kommuner, regioner och skolor att på begäran lämna uppgifter till polisen för att förebygga och bekämpa brott. Kontrollera gällande lydelse och ikraftträdande innan den används.',
    disclosers: [
      'social_services',
      'school',
      'school_health',
      'healthcare',
      'leisure',
      'municipal_safety',
    ],
    recipients: ['police'],
    privateRecipients: false,
    appliesWhen: { identifiable: true, purpose: 'prevent_crime' },
    validFrom: '2025-07-01',
    verify: true,
  },
  {
    code: 'reform-osl-10-15a',
    reference: 'OSL 10 kap. 15 a § (föreslagen)',
    title: 'Generell sekretessbrytande bestämmelse',
    explanation:
      'En föreslagen generell bestämmelse för uppgiftslämnande mellan myndigheter för att förebygga brott. Kontrollera om och när den trätt i kraft innan den används.',
    disclosers: authorities,
    recipients: authorities,
    privateRecipients: false,
    appliesWhen: { identifiable: true, purpose: 'prevent_crime' },
    validFrom: null,
    verify: true,
  },
  {
    code: 'sol-2025-400',
    reference: 'Socialtjänstlagen (2025:400)',
    title: 'Den nya socialtjänstlagen',
    explanation:
      'Den nya socialtjänstlagen ändrar bland annat det förebyggande arbetet. Kontrollera vilka bestämmelser om uppgiftslämnande som gäller innan den används.',
    disclosers: ['social_services'],
    recipients: authorities,
    privateRecipients: false,
    appliesWhen: { identifiable: true },
    validFrom: '2025-07-01',
    verify: true,
  },
]

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('legal_bases')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('code', 'text', (col) => col.notNull().unique())
    .addColumn('reference', 'text', (col) => col.notNull())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('explanation', 'text', (col) => col.notNull())
    .addColumn('discloser_kinds', 'text', (col) => col.notNull())
    .addColumn('recipient_kinds', 'text', (col) => col.notNull())
    .addColumn('allows_private_recipients', 'integer', (col) => col.notNull())
    .addColumn('applies_when', 'text', (col) => col.notNull())
    .addColumn('valid_from', 'text')
    .addColumn('valid_to', 'text')
    .addColumn('verify_before_use', 'integer', (col) => col.notNull())
    .addColumn('retired_at', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute()
  const now = new Date().toISOString()
  await db
    .insertInto('legal_bases')
    .values(
      seeds.map((seed) => ({
        id: crypto.randomUUID(),
        code: seed.code,
        reference: seed.reference,
        title: seed.title,
        explanation: seed.explanation,
        discloser_kinds: JSON.stringify(seed.disclosers),
        recipient_kinds: JSON.stringify(seed.recipients),
        allows_private_recipients: seed.privateRecipients ? 1 : 0,
        applies_when: JSON.stringify(seed.appliesWhen),
        valid_from: seed.validFrom,
        valid_to: null,
        verify_before_use: seed.verify ? 1 : 0,
        retired_at: null,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('legal_bases').execute()
}
