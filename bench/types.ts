/** One line of `npm run bench`. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
}

/** A benchmark module: yields its figures as it measures them. */
export type Bench = () => AsyncIterable<Figure> | Promise<Figure[]>;
