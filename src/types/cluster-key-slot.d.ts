/** The CRC16 hash slot (0–16383) Redis Cluster gives a key, hash tags included. ioredis uses the same package. */
declare module 'cluster-key-slot' {
  export default function calculateSlot(key: string | Buffer): number;
}
