/** Common Swedish given names and surnames, for plausible synthetic persons. */
export const FORNAMN_K = [
  'Anna', 'Eva', 'Maria', 'Karin', 'Sara', 'Kristina', 'Lena', 'Emma', 'Kerstin', 'Ingrid',
  'Marie', 'Malin', 'Jenny', 'Hanna', 'Linnéa', 'Elin', 'Ida', 'Johanna', 'Sofia', 'Amira',
] as const;

export const FORNAMN_M = [
  'Lars', 'Mikael', 'Anders', 'Johan', 'Erik', 'Per', 'Karl', 'Peter', 'Thomas', 'Jan',
  'Daniel', 'Fredrik', 'Hans', 'Andreas', 'Stefan', 'Mohamed', 'Oscar', 'Alexander', 'Magnus', 'Ali',
] as const;

export const EFTERNAMN = [
  'Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Olsson', 'Persson', 'Svensson',
  'Gustafsson', 'Pettersson', 'Jonsson', 'Jansson', 'Hansson', 'Bengtsson', 'Jönsson', 'Lindberg', 'Jakobsson',
  'Magnusson', 'Lindström', 'Hassan', 'Ali', 'Lindqvist', 'Axelsson', 'Berg',
] as const;

/** A few municipalities: county (län) code, municipality code, name. */
export const KOMMUNER = [
  { lan: '22', kommun: '2281', namn: 'Sundsvall' },
  { lan: '01', kommun: '0180', namn: 'Stockholm' },
  { lan: '14', kommun: '1480', namn: 'Göteborg' },
  { lan: '12', kommun: '1280', namn: 'Malmö' },
  { lan: '03', kommun: '0380', namn: 'Uppsala' },
  { lan: '25', kommun: '2580', namn: 'Luleå' },
  { lan: '05', kommun: '0580', namn: 'Linköping' },
  { lan: '19', kommun: '1980', namn: 'Västerås' },
] as const;

/** Countries of origin for persons with a residence permit: ISO code and Swedish name. */
export const HEMLAND = [
  { kod: 'SYR', namn: 'Syrien' },
  { kod: 'AFG', namn: 'Afghanistan' },
  { kod: 'ERI', namn: 'Eritrea' },
  { kod: 'UKR', namn: 'Ukraina' },
  { kod: 'IRQ', namn: 'Irak' },
  { kod: 'SOM', namn: 'Somalia' },
  { kod: 'IND', namn: 'Indien' },
  { kod: 'POL', namn: 'Polen' },
] as const;

export const AKASSOR = [
  'Unionens arbetslöshetskassa',
  'Akademikernas a-kassa',
  'IF Metalls a-kassa',
  'Kommunals a-kassa',
  'Handelsanställdas a-kassa',
  'Alfa-kassan',
  'Byggnadsarbetarnas a-kassa',
] as const;
