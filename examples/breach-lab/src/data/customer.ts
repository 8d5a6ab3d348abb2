/**
 * The lab's customer table: ids 10001-15000, every field derived from the id so each run (and each
 * tool driving the lab) sees the same people. Like Optus's records, each row carries identity-document
 * data: exactly what must not leave with a counting-id walk.
 */
export interface Customer {
  readonly id: number;
  readonly name: string;
  readonly email: string;
  readonly phone: string;
  /** ISO date `YYYY-MM-DD`. */
  readonly dateOfBirth: string;
  readonly address: string;
  readonly passportNumber: string;
}

export const FIRST_CUSTOMER_ID = 10_001;
export const LAST_CUSTOMER_ID = 15_000;

const FIRST_NAMES = ['Ada', 'Bilal', 'Chen', 'Dara', 'Elena', 'Farah', 'Goran', 'Hana', 'Ivo', 'Jun', 'Kemi', 'Luis', 'Mira', 'Noor', 'Omar', 'Priya', 'Quinn', 'Rosa', 'Sven', 'Tariq', 'Uma', 'Vera', 'Wen', 'Yusuf', 'Zoe'];
const LAST_NAMES = ['Abara', 'Brandt', 'Costa', 'Dubois', 'Eriksen', 'Fischer', 'Garcia', 'Haddad', 'Ito', 'Jensen', 'Kowalski', 'Lindqvist', 'Moreau', 'Nakamura', 'Okafor', 'Petrov', 'Quiroga', 'Rossi', 'Silva', 'Tanaka', 'Usman', 'Varga', 'Walsh', 'Yilmaz', 'Zhou'];
const STREETS = ['Harbour', 'Station', 'Mill', 'Church', 'Park', 'Bridge', 'Victoria', 'George', 'King', 'Elizabeth', 'Market', 'High'];
const CITIES = ['Sydney NSW 2000', 'Melbourne VIC 3000', 'Brisbane QLD 4000', 'Perth WA 6000', 'Adelaide SA 5000', 'Hobart TAS 7000', 'Darwin NT 0800', 'Canberra ACT 2600'];

const DAY_MS = 86_400_000;
const EPOCH_1950 = Date.UTC(1950, 0, 1);
const BIRTH_SPAN_DAYS = 50 * 365;

export function isCustomerId(id: number): boolean {
  return Number.isInteger(id) && id >= FIRST_CUSTOMER_ID && id <= LAST_CUSTOMER_ID;
}

export function customerEmail(id: number): string {
  return `c${id}@breach-lab.test`;
}

/** `+1555` followed by the id zero-padded to 7 digits: 10001 -> `+15550010001`. */
export function customerPhone(id: number): string {
  return `+1555${String(id).padStart(7, '0')}`;
}

/** The password every customer starts with (the lab's attackers know it for their own account). */
export function initialPassword(id: number): string {
  return `pw-${id}`;
}

/** The row for a valid id, computed from the id alone. */
export function generateCustomer(id: number): Customer {
  const first = pick(FIRST_NAMES, id * 7);
  const last = pick(LAST_NAMES, id * 13 + 3);
  return {
    id,
    name: `${first} ${last}`,
    email: customerEmail(id),
    phone: customerPhone(id),
    dateOfBirth: new Date(EPOCH_1950 + ((id * 7_919) % BIRTH_SPAN_DAYS) * DAY_MS).toISOString().slice(0, 10),
    address: `${100 + ((id * 37) % 900)} ${pick(STREETS, id * 5)} Street, ${pick(CITIES, id * 11)}`,
    passportNumber: `PA${String((id * 2_654_435_761) % 10_000_000).padStart(7, '0')}`,
  };
}

/** The public handle the lookup API answers with. */
export function customerHandle(customer: Customer): string {
  return `${customer.name.split(' ')[0]?.toLowerCase() ?? 'user'}_${customer.id}`;
}

function pick(list: readonly string[], n: number): string {
  return list[n % list.length] ?? '';
}
