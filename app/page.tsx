export default function Home() {
  return <main className="p-8">Zerobyte</main>;
}
