/** One route as `/_lab/inventory` lists it: at least its method, template and whether anything declares it. */
export interface LabInventoryEntry {
  readonly method: string;
  readonly path: string;
  readonly declared: boolean;
  /** `Controller.method`. */
  readonly handler?: string;
}

/** Where `/_lab/inventory` comes from: apiward's inventory in the protected build. */
export abstract class LabInventory {
  abstract routes(): readonly LabInventoryEntry[];
}
