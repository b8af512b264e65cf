/**
 * A failure the operator has to mend (a setting, a token, a data directory in use, Redis refusing the credentials…),
 * whose message is one polite Japanese line that says what to do. main.ts prints it as it is and exits 1; any other
 * error becomes 「起動に失敗しました: …」.
 */
export class OperatorError extends Error {}
