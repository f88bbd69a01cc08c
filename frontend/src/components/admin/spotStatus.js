// How each spot status looks: a colour and a word, never the colour alone.

export const SPOT_STATUSES = {
  available: { label: 'Free', symbol: '○' },
  reserved: { label: 'Held', symbol: '◐' },
  occupied: { label: 'Taken', symbol: '●' },
};

/** The accessible name of a spot's button, as the contract spells it: "Spot 3, occupied". */
export function spotName(spot) {
  return `Spot ${spot.number}, ${spot.status}`;
}
