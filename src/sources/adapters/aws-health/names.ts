/**
 * Components and regions of an AWS event, spelled as AWS spells them. Events name a service
 * key ("ec2-us-east-1", "s3-us-standard", "management-console") and a display name
 * ("Amazon Elastic Compute Cloud (N. Virginia)").
 */
import type { Impact } from '../../../domain/post.js';
import { severityImpact } from '../../kit/official.js';

/** Region codes as AWS writes them (us-east-1, us-gov-west-1, cn-north-1, eu-south-2...). */
const REGION = /((?:us|eu|ap|sa|ca|me|af|il|mx|cn)(?:-gov|-iso[a-z]?)?-[a-z]+-\d+)$/;

/** "ec2-us-east-1" → "us-east-1"; the legacy "s3-us-standard" keeps AWS's own "us-standard". */
export function regionFromServiceKey(service: string | null | undefined): string | null {
  if (!service) return null;
  const m = REGION.exec(service);
  if (m) return m[1]!;
  return /-us-standard$/.test(service) ? 'us-standard' : null;
}

/** "Amazon Elastic Compute Cloud (N. Virginia)" → { name: "Amazon Elastic Compute Cloud", place: "N. Virginia" }. */
export function splitServiceName(serviceName: string | null | undefined): { name: string | null; place: string | null } {
  if (!serviceName) return { name: null, place: null };
  const m = /^(.*?)\s*\(([^()]+)\)\s*$/.exec(serviceName.trim());
  if (!m) return { name: serviceName.trim() || null, place: null };
  return { name: m[1]!.trim() || null, place: m[2]!.trim() };
}

/** AWS dashboard status codes: 0 operating normally, 1 informational, 2 degradation, 3 disruption. */
export function awsImpact(code: string | number | null | undefined): Impact | null {
  if (code === null || code === undefined || code === '') return null;
  const n = Number(code);
  return Number.isInteger(n) ? severityImpact(n) : null;
}

/** "[RESOLVED] Increased API Error Rates" (or the Japanese page's "[解決済]") marks an ended event. */
export function isResolvedSummary(summary: string | null | undefined): boolean {
  return !!summary && /^\s*\[(RESOLVED|解決済み?)\]/i.test(summary);
}
