/**
 * The data-center locations the emulator starts with, in the ListLocations form. Sizes are composed from the
 * families Azure offered around 2015 (the era of the recorded traffic); a state file can replace the list.
 */
import type { LocationRecord } from '../records.js';

const CLASSIC = ['ExtraLarge', 'ExtraSmall', 'Large', 'Medium', 'Small'];
const HIGH_MEMORY = ['A5', 'A6', 'A7'];
const COMPUTE_INTENSIVE = ['A10', 'A11', 'A8', 'A9'];
const BASIC = ['Basic_A0', 'Basic_A1', 'Basic_A2', 'Basic_A3', 'Basic_A4'];
const D_SERIES = ['Standard_D1', 'Standard_D11', 'Standard_D12', 'Standard_D13', 'Standard_D14', 'Standard_D2', 'Standard_D3', 'Standard_D4'];
const DS_SERIES = ['Standard_DS1', 'Standard_DS11', 'Standard_DS12', 'Standard_DS13', 'Standard_DS14', 'Standard_DS2', 'Standard_DS3', 'Standard_DS4'];
const G_SERIES = ['Standard_G1', 'Standard_G2', 'Standard_G3', 'Standard_G4', 'Standard_G5'];
const STANDARD_STORAGE = ['Standard_LRS', 'Standard_ZRS', 'Standard_GRS', 'Standard_RAGRS'];

interface LocationFeatures {
  computeIntensive: boolean;
  premium: boolean;
  gSeries: boolean;
}

function location(name: string, features: LocationFeatures): LocationRecord {
  const webWorker = [...(features.computeIntensive ? COMPUTE_INTENSIVE : []), ...HIGH_MEMORY, ...CLASSIC, ...D_SERIES].sort();
  const vm = [
    ...webWorker, ...BASIC, ...(features.premium ? DS_SERIES : []), ...(features.gSeries ? G_SERIES : []),
  ].sort();
  return {
    Name: name,
    DisplayName: name,
    AvailableServices: ['Compute', 'Storage', 'PersistentVMRole', 'HighMemory'],
    ComputeCapabilities: { WebWorkerRoleSizes: webWorker, VirtualMachinesRoleSizes: vm },
    StorageCapabilities: { StorageAccountTypes: features.premium ? [...STANDARD_STORAGE, 'Premium_LRS'] : [...STANDARD_STORAGE] },
  };
}

export function defaultLocations(): LocationRecord[] {
  return [
    location('West US', { computeIntensive: true, premium: true, gSeries: true }),
    location('East US', { computeIntensive: true, premium: false, gSeries: false }),
    location('North Europe', { computeIntensive: true, premium: false, gSeries: false }),
    location('West Europe', { computeIntensive: true, premium: true, gSeries: false }),
    location('East Asia', { computeIntensive: false, premium: false, gSeries: false }),
    location('Southeast Asia', { computeIntensive: false, premium: true, gSeries: false }),
  ];
}
