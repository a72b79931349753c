import type { AgencyKind } from '../agencies/agency.table'
import type { TeamKind, TeamRole } from '../teams/team.table'

// Exempelstad is fictional, and so is everyone in it: names are invented
// combinations and the e-mail domain is reserved for examples.

export const demoPassword = 'Exempelstad-demo-2026'

type DemoAgency = {
  key: string
  name: string
  kind: AgencyKind
  isPublicAuthority: boolean
  domain: string
}

export const demoAgencies: DemoAgency[] = [
  {
    key: 'safety',
    name: 'Exempelstads kommun, trygghetsenheten',
    kind: 'municipal_safety',
    isPublicAuthority: true,
    domain: 'kommun',
  },
  {
    key: 'police',
    name: 'Polisen, lokalpolisområde Exempelstad',
    kind: 'police',
    isPublicAuthority: true,
    domain: 'polis',
  },
  {
    key: 'social',
    name: 'Socialtjänsten, individ- och familjeomsorgen',
    kind: 'social_services',
    isPublicAuthority: true,
    domain: 'soc',
  },
  {
    key: 'norr',
    name: 'Norrbyskolan',
    kind: 'school',
    isPublicAuthority: true,
    domain: 'norrbyskolan',
  },
  {
    key: 'soder',
    name: 'Söderdalsskolan',
    kind: 'school',
    isPublicAuthority: true,
    domain: 'soderdalsskolan',
  },
  {
    key: 'health',
    name: 'Elevhälsan, Exempelstads kommun',
    kind: 'school_health',
    isPublicAuthority: true,
    domain: 'elevhalsan',
  },
  {
    key: 'psych',
    name: 'Region Exempel, barn- och ungdomspsykiatrin',
    kind: 'healthcare',
    isPublicAuthority: true,
    domain: 'region',
  },
  {
    key: 'probation',
    name: 'Frivården Exempelstad',
    kind: 'probation',
    isPublicAuthority: true,
    domain: 'frivarden',
  },
  {
    key: 'housing',
    name: 'Exempelstadshem AB',
    kind: 'housing',
    isPublicAuthority: false,
    domain: 'exempelstadshem',
  },
  {
    key: 'security',
    name: 'Trygg Vakt Exempel AB',
    kind: 'security_company',
    isPublicAuthority: false,
    domain: 'tryggvakt',
  },
  {
    key: 'leisure',
    name: 'Fritidsförvaltningen',
    kind: 'leisure',
    isPublicAuthority: true,
    domain: 'fritid',
  },
  {
    key: 'rescue',
    name: 'Räddningstjänsten Exempelstad',
    kind: 'rescue',
    isPublicAuthority: true,
    domain: 'raddning',
  },
]

type DemoUser = {
  key: string
  name: string
  agency: string
  isAdmin?: boolean
  isAuditor?: boolean
}

export const demoUsers: DemoUser[] = [
  { key: 'admin', name: 'Adam Administratör', agency: 'safety', isAdmin: true },
  { key: 'auditor', name: 'Greta Granskare', agency: 'safety', isAuditor: true },
  { key: 'samordnare', name: 'Siv Samordnare', agency: 'safety' },
  { key: 'vbesamordnare', name: 'Vera Vägledare', agency: 'safety' },
  { key: 'polis1', name: 'Kim Kvarterspolis', agency: 'police' },
  { key: 'polis2', name: 'Pelle Patrull', agency: 'police' },
  { key: 'soc1', name: 'Sara Stödsdotter', agency: 'social' },
  { key: 'soc2', name: 'Bertil Biståndsson', agency: 'social' },
  { key: 'norr1', name: 'Nora Norrbyrektor', agency: 'norr' },
  { key: 'soder1', name: 'Sune Söderlärare', agency: 'soder' },
  { key: 'halsa1', name: 'Hedvig Hälsodotter', agency: 'health' },
  { key: 'halsa2', name: 'Ebbe Elevhälsosson', agency: 'health' },
  { key: 'psyk1', name: 'Pia Psykiatrisdotter', agency: 'psych' },
  { key: 'frivard1', name: 'Frans Frivårdsson', agency: 'probation' },
  { key: 'bostad1', name: 'Bo Bovärdsson', agency: 'housing' },
  { key: 'bostad2', name: 'Hilda Hyresvärd', agency: 'housing' },
  { key: 'vakt1', name: 'Viggo Väktarsson', agency: 'security' },
  { key: 'fritid1', name: 'Fia Fritidsledare', agency: 'leisure' },
  { key: 'fritid2', name: 'Folke Fältare', agency: 'leisure' },
  { key: 'rtj1', name: 'Rut Räddningsdotter', agency: 'rescue' },
  { key: 'styr1', name: 'Stina Styrgrupp', agency: 'safety' },
  { key: 'styr2', name: 'Sten Stadsdirektörsson', agency: 'safety' },
  { key: 'polis3', name: 'Klas Kommunpolis', agency: 'police' },
  { key: 'soc3', name: 'Maja Mottagningsdotter', agency: 'social' },
  { key: 'norr2', name: 'Nils Kurator', agency: 'norr' },
]

type DemoTeam = {
  name: string
  kind: TeamKind
  description: string
  areas: string[]
  members: [string, TeamRole][]
  series: {
    title: string
    intervalWeeks: number
    weekday: number
    startTime: string
    durationMinutes: number
    location: string
  }
}

export const demoTeams: DemoTeam[] = [
  {
    name: 'EST Exempelstad',
    kind: 'est',
    description:
      'EST-gruppen för centrala Exempelstad. Lägesbildsmöte varje vecka, tisdagar 09.00–10.00.',
    areas: ['Centrum', 'Stationsområdet', 'Norrby', 'Söderdal', 'Hamnen', 'Stadsparken'],
    members: [
      ['samordnare', 'coordinator'],
      ['polis1', 'chair'],
      ['polis2', 'member'],
      ['soc1', 'member'],
      ['norr1', 'member'],
      ['soder1', 'member'],
      ['bostad1', 'member'],
      ['bostad2', 'member'],
      ['vakt1', 'member'],
      ['fritid1', 'member'],
      ['fritid2', 'member'],
      ['rtj1', 'member'],
      ['styr1', 'observer'],
    ],
    series: {
      title: 'Lägesbildsmöte EST',
      intervalWeeks: 1,
      weekday: 2,
      startTime: '09:00',
      durationMinutes: 60,
      location: 'Stadshuset, sal Trygghet',
    },
  },
  {
    name: 'Samordningsteamet mot våldsbejakande extremism',
    kind: 'vbe',
    description:
      'Kommunens samordningsteam mot våldsbejakande extremism. Möts varannan vecka, torsdagar 13.00–14.30.',
    areas: ['Norra Exempelstad', 'Södra Exempelstad', 'Centrum', 'Hela kommunen'],
    members: [
      ['vbesamordnare', 'coordinator'],
      ['polis3', 'chair'],
      ['soc2', 'member'],
      ['soc3', 'member'],
      ['halsa1', 'member'],
      ['halsa2', 'member'],
      ['psyk1', 'member'],
      ['frivard1', 'member'],
      ['norr2', 'member'],
      ['fritid2', 'member'],
      ['styr2', 'observer'],
    ],
    series: {
      title: 'Samordningsmöte VBE',
      intervalWeeks: 2,
      weekday: 4,
      startTime: '13:00',
      durationMinutes: 90,
      location: 'Socialförvaltningen, rum 4',
    },
  },
]

export const demoEmail = (user: DemoUser): string => {
  const agency = demoAgencies.find((a) => a.key === user.agency)!
  const local = user.name
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z ]/g, '')
    .trim()
    .replace(/\s+/g, '.')
  return `${local}@${agency.domain}.exempelstad.example`
}

type DemoEntry = {
  team: number
  author: string
  area: string
  category: string
  /** 0: the week now, reported for the called meeting; more: weeks back */
  weeksAgo: number
  trend: 'increasing' | 'unchanged' | 'decreasing' | 'uncertain'
  count: number | null
  text: string
  scope: 'team' | 'agencies' | 'own'
  recipients?: string[]
  basis?: string
}

/** A few weeks of situation picture: places, times, groups and trends — never a person. */
export const demoEntries: DemoEntry[] = [
  {
    team: 0,
    author: 'polis2',
    area: 'Stationsområdet',
    category: 'Samlingsplats/folksamling',
    weeksAgo: 3,
    trend: 'unchanged',
    count: 4,
    text: 'Grupp om sex till åtta ungdomar samlas vid cykelgaraget fredagar och lördagar efter 21.',
    scope: 'team',
  },
  {
    team: 0,
    author: 'bostad1',
    area: 'Norrby',
    category: 'Skadegörelse/klotter',
    weeksAgo: 3,
    trend: 'increasing',
    count: 7,
    text: 'Klotter i tre trapphus och på tvättstugans dörr. Sanerat inom ett dygn.',
    scope: 'team',
  },
  {
    team: 0,
    author: 'fritid1',
    area: 'Söderdal',
    category: 'Kommande händelse (evenemang, lov, högtid)',
    weeksAgo: 2,
    trend: 'unchanged',
    count: null,
    text: 'Höstlovsaktiviteter i fritidsgården varje kväll vecka 44, förstärkt personal.',
    scope: 'team',
  },
  {
    team: 0,
    author: 'polis2',
    area: 'Centrum',
    category: 'Narkotika (misstänkt försäljning/användning)',
    weeksAgo: 2,
    trend: 'increasing',
    count: 3,
    text: 'Misstänkt försäljning vid gångtunneln under kvällstid, flera iakttagelser från patrull.',
    scope: 'agencies',
    recipients: ['social', 'safety'],
    basis: 'ingen-sekretess',
  },
  {
    team: 0,
    author: 'vakt1',
    area: 'Centrum',
    category: 'Ordningsstörning',
    weeksAgo: 1,
    trend: 'decreasing',
    count: 2,
    text: 'Färre störningar i köpcentrumets entré sedan belysningen byttes.',
    scope: 'team',
  },
  {
    team: 0,
    author: 'rtj1',
    area: 'Hamnen',
    category: 'Brand',
    weeksAgo: 1,
    trend: 'increasing',
    count: 3,
    text: 'Tre containerbränder vid gästhamnen på kort tid, alla sena kvällar.',
    scope: 'team',
  },
  {
    team: 0,
    author: 'norr1',
    area: 'Norrby',
    category: 'Otrygg plats',
    weeksAgo: 1,
    trend: 'uncertain',
    count: null,
    text: 'Elever beskriver skolgården som otrygg efter mörkrets inbrott, särskilt vid den bortre entrén.',
    scope: 'team',
  },
  {
    team: 0,
    author: 'soc1',
    area: 'Stationsområdet',
    category: 'Samlingsplats/folksamling',
    weeksAgo: 0,
    trend: 'increasing',
    count: 5,
    text: 'Fältgruppen ser fler yngre i gruppen vid stationen, några från andra stadsdelar.',
    scope: 'team',
  },
  {
    team: 0,
    author: 'bostad2',
    area: 'Söderdal',
    category: 'Nedskräpning',
    weeksAgo: 0,
    trend: 'increasing',
    count: null,
    text: 'Mycket skräp vid återvinningsstationen efter helgerna.',
    scope: 'team',
  },
  {
    team: 0,
    author: 'fritid2',
    area: 'Stadsparken',
    category: 'Trafik (buskörning, moped, A-traktor)',
    weeksAgo: 0,
    trend: 'unchanged',
    count: 6,
    text: 'Mopeder kör på gång- och cykelvägen genom parken, främst 17–20.',
    scope: 'team',
  },
  {
    team: 1,
    author: 'halsa1',
    area: 'Norra Exempelstad',
    category: 'Propaganda, symboler och klistermärken',
    weeksAgo: 2,
    trend: 'increasing',
    count: 4,
    text: 'Klistermärken med extremistiska symboler på busshållplatser längs linje 3.',
    scope: 'team',
  },
  {
    team: 1,
    author: 'soc2',
    area: 'Södra Exempelstad',
    category: 'Radikaliseringssignaler i verksamheten',
    weeksAgo: 1,
    trend: 'uncertain',
    count: 1,
    text: 'Personal har uppfattat oroande uttalanden i en grupp på fritidsgården; följs upp internt.',
    scope: 'agencies',
    recipients: ['police'],
    basis: 'ingen-sekretess',
  },
  {
    team: 1,
    author: 'fritid2',
    area: 'Centrum',
    category: 'Manifestationer, möten och evenemang',
    weeksAgo: 0,
    trend: 'unchanged',
    count: null,
    text: 'Anmäld manifestation på torget lördag eftermiddag.',
    scope: 'team',
  },
]
