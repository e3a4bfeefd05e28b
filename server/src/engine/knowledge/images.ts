/**
 * Offline knowledge of well-known base images. Versions are a snapshot chosen for
 * long support windows, offered as suggestions; they are never fetched.
 */
export interface ImageFacts {
  /** Repository as written in FROM, without `docker.io/library/`. */
  name: string;
  /** Tags to suggest when replacing `latest` or no tag, best first. */
  pins: string[];
}

const IMAGES: ImageFacts[] = [
  { name: 'python', pins: ['3.13-slim', '3.12-slim'] },
  { name: 'node', pins: ['22-slim', '24-slim'] },
  { name: 'ubuntu', pins: ['24.04', '22.04'] },
  { name: 'debian', pins: ['bookworm-slim', 'trixie-slim'] },
  { name: 'alpine', pins: ['3.22', '3.21'] },
  { name: 'golang', pins: ['1.25', '1.24'] },
  { name: 'rust', pins: ['1-slim'] },
  { name: 'nginx', pins: ['1.28', '1.28-alpine'] },
  { name: 'postgres', pins: ['17', '16'] },
  { name: 'redis', pins: ['7.4'] },
  { name: 'eclipse-temurin', pins: ['21-jre', '21-jdk'] },
  { name: 'ruby', pins: ['3.4-slim'] },
  { name: 'php', pins: ['8.4-fpm'] },
  { name: 'busybox', pins: ['1.37'] },
];

/** `docker.io/library/python` and `library/python` are `python`. */
export function canonicalImageName(name: string): string {
  return name.toLowerCase().replace(/^(docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, '').replace(/^library\//, '');
}

export function imageFacts(name: string): ImageFacts | undefined {
  const canonical = canonicalImageName(name);
  return IMAGES.find(i => i.name === canonical);
}
