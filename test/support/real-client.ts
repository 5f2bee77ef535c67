import { lefiFragaAllaGrupper } from '../../src/bastjanster/fk/lefi/fraga-alla-grupper.js';
import { addMonths } from '../../src/population/dates.js';
import { TODAY } from './fraga.js';

/** The real client's period: the last two months up to the services' "today" (CSN accepts no earlier start). */
export const REAL_CLIENT_PERIOD = { from: addMonths(TODAY, -2), tom: TODAY };

export interface RealClientRequest {
  personidentitet: string;
  arendeidentitet: string;
  korrelationsid: string;
  from?: string;
  tom?: string;
}

/**
 * A request exactly as the real client's JAXB marshaller writes it (its WireMock mapping shows the bytes):
 * SOAP-ENV and ns2 prefixes, an empty Header, no frageTidpunkt, `inkludera="true"` on every service, FK's
 * aktorsid 026-51 and version v9, a UUID korrelationsid and arendeidentitet, SKV with no question (v10).
 */
export function realClientRequest(r: RealClientRequest): string {
  const { from, tom } = { ...REAL_CLIENT_PERIOD, ...r };
  const lefi = Buffer.from(JSON.stringify(lefiFragaAllaGrupper(r.personidentitet, from, tom), null, 2)).toString(
    'base64',
  );
  return (
    '<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Header/><SOAP-ENV:Body>' +
    '<ns2:hamtaBastjanstInformation xmlns:ns2="http://schema.forsakringskassan.se/integration/ssbt/10">' +
    `<ns2:generellaFrageparametrar><ns2:korrelationsid>${r.korrelationsid}</ns2:korrelationsid>` +
    '<ns2:fraganSkallInkluderasISvaret>false</ns2:fraganSkallInkluderasISvaret>' +
    '<ns2:ingivare><ns2:organisationsnummer>162120002411</ns2:organisationsnummer><ns2:namn>Sundsvalls kommun</ns2:namn>' +
    '<ns2:handlaggare>system</ns2:handlaggare></ns2:ingivare>' +
    `<ns2:personidentitet>${r.personidentitet}</ns2:personidentitet>` +
    `<ns2:arendeidentitet>${r.arendeidentitet}</ns2:arendeidentitet>` +
    `<ns2:tidsperiod><ns2:fromDatum>${from}</ns2:fromDatum><ns2:tomDatum>${tom}</ns2:tomDatum></ns2:tidsperiod>` +
    '<ns2:syfte>Beslut om eller kontroll av Ekonomisk försörjningsstöd</ns2:syfte>' +
    '<ns2:lagtext>11 kap. 11 a § socialtjänstlagen (2001:453), 5 § förordning (2008:975) om uppgiftsskyldighet i ' +
    'vissa fall enligt socialtjänstlagen.</ns2:lagtext></ns2:generellaFrageparametrar>' +
    '<ns2:specifikaFrageparametrar><ns2:AF inkludera="true"/><ns2:CSN inkludera="true"/>' +
    '<ns2:FK inkludera="true"><ns2:fraga><ns2:version>v9</ns2:version><ns2:aktorsid>026-51</ns2:aktorsid>' +
    `<ns2:lefiJsonFraga>${lefi}</ns2:lefiJsonFraga></ns2:fraga></ns2:FK>` +
    '<ns2:SKV inkludera="true"/><ns2:SO inkludera="true"/><ns2:TNS inkludera="true"/><ns2:MIV inkludera="true"/>' +
    '</ns2:specifikaFrageparametrar></ns2:hamtaBastjanstInformation></SOAP-ENV:Body></SOAP-ENV:Envelope>'
  );
}
