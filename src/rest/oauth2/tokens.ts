import { randomUUID } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import type { OAuth2Settings } from './settings.js';

/** Who signs the emulator's access tokens, and the audience every emulated API behind the gateway checks. */
export const ISSUER = 'ssbtek-emulator/oauth2/v1';
export const AUDIENCE = 'ssbtek-emulator/api';
/** RFC 9068's media type for JWT access tokens: keeps an ID token or another JWT from passing as one. */
const TOKEN_TYPE_HEADER = 'at+jwt';

export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
}

/** Issues a signed, expiring access token (client credentials: the client is its own subject). */
export async function issueAccessToken(
  settings: OAuth2Settings,
  clientId: string,
  scopes: readonly string[],
): Promise<TokenResponse> {
  const scope = scopes.join(' ');
  const accessToken = await new SignJWT({ scope, client_id: clientId })
    .setProtectedHeader({ alg: 'HS256', typ: TOKEN_TYPE_HEADER })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(clientId)
    .setIssuedAt()
    .setExpirationTime(`${settings.tokenExpiresInSeconds}s`)
    .setJti(randomUUID())
    .sign(settings.signingKey);
  return { access_token: accessToken, token_type: 'Bearer', expires_in: settings.tokenExpiresInSeconds, scope };
}

export type TokenCheck =
  | { valid: true; clientId: string; scopes: string[] }
  | { valid: false; reason: 'expired' | 'signature' | 'claims' | 'malformed' };

/**
 * Verifies an access token: signature (HS256 only, so `alg: none` or a public-key algorithm cannot be slipped
 * in), type, issuer, audience, expiry, and the claims this emulator puts in. Never throws for a bad token.
 */
export async function verifyAccessToken(settings: OAuth2Settings, token: string): Promise<TokenCheck> {
  try {
    const { payload } = await jwtVerify(token, settings.signingKey, {
      algorithms: ['HS256'],
      typ: TOKEN_TYPE_HEADER,
      issuer: ISSUER,
      audience: AUDIENCE,
      requiredClaims: ['sub', 'exp', 'iat', 'scope'],
    });
    if (typeof payload.sub !== 'string' || typeof payload.scope !== 'string') return { valid: false, reason: 'claims' };
    return { valid: true, clientId: payload.sub, scopes: payload.scope.split(' ').filter((s) => s !== '') };
  } catch (error) {
    if (error instanceof errors.JWTExpired) return { valid: false, reason: 'expired' };
    if (error instanceof errors.JWSSignatureVerificationFailed) return { valid: false, reason: 'signature' };
    if (error instanceof errors.JWTClaimValidationFailed) return { valid: false, reason: 'claims' };
    return { valid: false, reason: 'malformed' };
  }
}
