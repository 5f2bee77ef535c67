/**
 * The statuses one part of SKV's v11 answer can have besides 200, each with the short message the part's own
 * backend gives (the form SSBTEK's v11 answer shows: felkod `404`, felmeddelande `Not found`). 404 is the
 * population's own answer (the person has nothing in that part); the others come only from scenarios.
 */
export const DEL_FEL = {
  403: 'Forbidden',
  404: 'Not found',
  500: 'Internal server error',
  503: 'Service unavailable',
  504: 'Gateway timeout',
} as const;

export type DelFelStatus = keyof typeof DEL_FEL;

export function isDelFelStatus(status: number): status is DelFelStatus {
  return status in DEL_FEL;
}
