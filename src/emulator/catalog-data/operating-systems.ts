/**
 * Guest OS families and versions for web and worker roles (ListOperatingSystems, ListOperatingSystemFamilies), as
 * the service named them in 2015: family 2 is Windows Server 2008 R2 SP1, 3 is 2012, 4 is 2012 R2. Each family
 * has monthly releases; the newest is the default and the newest three are active.
 */
import type { OperatingSystem, OperatingSystemFamily } from '../../../generated/models/index.js';

const FAMILIES: { family: number; label: string; firstRelease: number }[] = [
  { family: 2, label: 'Windows Server 2008 R2 SP1', firstRelease: 30 },
  { family: 3, label: 'Windows Server 2012', firstRelease: 17 },
  { family: 4, label: 'Windows Server 2012 R2', firstRelease: 5 },
];

/** Monthly releases from January to June 2015. */
const MONTHS = ['201501', '201502', '201503', '201504', '201505', '201506'];
const ACTIVE = 3;

function versionsOf(entry: (typeof FAMILIES)[number]): OperatingSystem[] {
  return MONTHS.map((month, i) => {
    const release = `${entry.family}.${entry.firstRelease + i}`;
    return {
      Version: `WA-GUEST-OS-${release}_${month}-01`,
      Label: `Windows Azure Guest OS ${release} (Release ${month}-01)`,
      IsDefault: i === MONTHS.length - 1,
      IsActive: i >= MONTHS.length - ACTIVE,
      Family: String(entry.family),
      FamilyLabel: entry.label,
    };
  });
}

export function defaultOperatingSystemFamilies(): OperatingSystemFamily[] {
  return FAMILIES.map((entry) => ({ Name: String(entry.family), Label: entry.label, OperatingSystems: versionsOf(entry) }));
}
