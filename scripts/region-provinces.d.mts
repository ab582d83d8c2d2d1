export function buildProvinces(): { version: string; provinces: Array<{ code: string; name: string; nameEn: string; leaf: boolean; municipality: boolean }> };
export function provincesJson(): string;
