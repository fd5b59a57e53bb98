// Minimal, unsigned SAML 2.0 messages between the demo identity provider and this server:
// an AuthnRequest (HTTP-Redirect binding, deflated) and a Response (HTTP-POST binding).
// Only the fields Rocket.Chat's SAML code reads are produced and parsed; signatures are not
// modelled. docs/sign-in.md.
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { escapeHtml } from './html';

const PROTOCOL = 'urn:oasis:names:tc:SAML:2.0:protocol';
const ASSERTION = 'urn:oasis:names:tc:SAML:2.0:assertion';
const SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';

export interface AuthnRequest {
  id: string;
  acsUrl: string;
  issuer: string;
}

export interface SamlAssertion {
  assertionId: string;
  issuer: string;
  inResponseTo: string;
  nameID: string;
  attributes: Record<string, string>;
}

export type SamlResponse = { ok: true; assertion: SamlAssertion } | { ok: false; statusCode: string; message: string };

export function encodeAuthnRequest(request: AuthnRequest, destination: string, issueInstant: string): string {
  const xml =
    `<samlp:AuthnRequest xmlns:samlp="${PROTOCOL}" ID="${escapeHtml(request.id)}" Version="2.0" IssueInstant="${issueInstant}" ` +
    `ProtocolBinding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" AssertionConsumerServiceURL="${escapeHtml(request.acsUrl)}" ` +
    `Destination="${escapeHtml(destination)}"><saml:Issuer xmlns:saml="${ASSERTION}">${escapeHtml(request.issuer)}</saml:Issuer></samlp:AuthnRequest>`;
  return deflateRawSync(Buffer.from(xml, 'utf8')).toString('base64');
}

const unescapeXml = (text: string): string =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

const attribute = (xml: string, element: string, name: string): string | undefined => {
  const tag = new RegExp(`<${element}\\b[^>]*\\s${name}="([^"]*)"`).exec(xml);
  return tag?.[1] === undefined ? undefined : unescapeXml(tag[1]);
};

const text = (xml: string, element: string): string | undefined => {
  const match = new RegExp(`<${element}\\b[^>]*>([^<]*)</${element}>`).exec(xml);
  return match?.[1] === undefined ? undefined : unescapeXml(match[1]);
};

export function decodeAuthnRequest(encoded: string): AuthnRequest | undefined {
  try {
    const xml = inflateRawSync(Buffer.from(encoded, 'base64')).toString('utf8');
    const id = attribute(xml, 'samlp:AuthnRequest', 'ID');
    const acsUrl = attribute(xml, 'samlp:AuthnRequest', 'AssertionConsumerServiceURL');
    if (!id || !acsUrl) return undefined;
    return { id, acsUrl, issuer: text(xml, 'saml:Issuer') ?? '' };
  } catch {
    return undefined;
  }
}

export function encodeResponse(
  inResponseTo: string,
  destination: string,
  issuer: string,
  issueInstant: string,
  outcome: SamlResponse,
): string {
  const head =
    `<samlp:Response xmlns:samlp="${PROTOCOL}" xmlns:saml="${ASSERTION}" ID="_r${escapeHtml(outcome.ok ? outcome.assertion.assertionId : inResponseTo)}" ` +
    `Version="2.0" IssueInstant="${issueInstant}" InResponseTo="${escapeHtml(inResponseTo)}" Destination="${escapeHtml(destination)}">` +
    `<saml:Issuer>${escapeHtml(issuer)}</saml:Issuer>`;
  if (!outcome.ok) {
    const status =
      `<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Responder"><samlp:StatusCode Value="${escapeHtml(outcome.statusCode)}"/>` +
      `</samlp:StatusCode><samlp:StatusMessage>${escapeHtml(outcome.message)}</samlp:StatusMessage></samlp:Status>`;
    return Buffer.from(`${head}${status}</samlp:Response>`, 'utf8').toString('base64');
  }
  const a = outcome.assertion;
  const attributes = Object.entries(a.attributes)
    .map(
      ([name, value]) =>
        `<saml:Attribute Name="${escapeHtml(name)}"><saml:AttributeValue>${escapeHtml(value)}</saml:AttributeValue></saml:Attribute>`,
    )
    .join('');
  const assertion =
    `<saml:Assertion ID="${escapeHtml(a.assertionId)}" Version="2.0" IssueInstant="${issueInstant}"><saml:Issuer>${escapeHtml(a.issuer)}</saml:Issuer>` +
    `<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">${escapeHtml(a.nameID)}</saml:NameID>` +
    `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData InResponseTo="${escapeHtml(inResponseTo)}" ` +
    `Recipient="${escapeHtml(destination)}"/></saml:SubjectConfirmation></saml:Subject>` +
    `<saml:AttributeStatement>${attributes}</saml:AttributeStatement></saml:Assertion>`;
  const status = `<samlp:Status><samlp:StatusCode Value="${SUCCESS}"/></samlp:Status>`;
  return Buffer.from(`${head}${status}${assertion}</samlp:Response>`, 'utf8').toString('base64');
}

export function decodeResponse(encoded: string): SamlResponse | undefined {
  const xml = Buffer.from(encoded, 'base64').toString('utf8');
  if (!xml.includes('<samlp:Response')) return undefined;
  const codes = [...xml.matchAll(/<samlp:StatusCode\b[^>]*\sValue="([^"]*)"/g)].map((m) => m[1] ?? '');
  if (codes[0] !== SUCCESS) {
    return { ok: false, statusCode: codes[codes.length - 1] ?? '', message: text(xml, 'samlp:StatusMessage') ?? '' };
  }
  const attributes: Record<string, string> = {};
  for (const m of xml.matchAll(/<saml:Attribute Name="([^"]*)"><saml:AttributeValue>([^<]*)<\/saml:AttributeValue><\/saml:Attribute>/g)) {
    attributes[unescapeXml(m[1] ?? '')] = unescapeXml(m[2] ?? '');
  }
  return {
    ok: true,
    assertion: {
      assertionId: attribute(xml, 'saml:Assertion', 'ID') ?? '',
      issuer: text(xml, 'saml:Issuer') ?? '',
      inResponseTo: attribute(xml, 'samlp:Response', 'InResponseTo') ?? '',
      nameID: text(xml, 'saml:NameID') ?? '',
      attributes,
    },
  };
}
