import { Injectable } from '@nestjs/common';
import { ApiwardInventory } from 'apiward/nest';
import { LabInventory, type LabInventoryEntry } from './lab-inventory';

/** The protected build serves apiward's own inventory, built at bootstrap from every route's declarations. */
@Injectable()
export class ApiwardLabInventory extends LabInventory {
  constructor(private readonly inventory: ApiwardInventory) {
    super();
  }

  routes(): readonly LabInventoryEntry[] {
    return this.inventory.toJSON();
  }
}
