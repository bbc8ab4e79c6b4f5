// What a model would reply to each eval question, written by hand the way a model writes SQL (its own aliases, bare
// identifiers where DuckDB allows them), for the scripted OpenAI-compatible fake. Keyed by the question's text.
const sqlOnly = (sql: string, columns: string[], chart: Record<string, unknown> | null = null) => ({
  classification: "SQL_ONLY",
  reasoning: "one query",
  columns_needed: columns,
  sql,
  python: null,
  table: null,
  clarification: null,
  chart,
});

const bar = (x: string, y: string) => ({ type: "bar", x, y });
const line = (x: string, y: string) => ({ type: "line", x, y });

export const MODEL_PLANS: Record<string, unknown> = {
  "What is the average horsepower?": sqlOnly("SELECT avg(Horsepower) AS avg_hp FROM cars", ["Horsepower"]),
  "Average miles per gallon by origin": sqlOnly(
    "SELECT Origin, avg(Miles_per_Gallon) AS mpg FROM cars GROUP BY Origin ORDER BY mpg DESC",
    ["Origin", "Miles_per_Gallon"],
    bar("Origin", "mpg"),
  ),
  "Which origin has the most cars?": sqlOnly(
    "SELECT Origin, count(*) AS cars FROM cars GROUP BY Origin ORDER BY cars DESC",
    ["Origin"],
    bar("Origin", "cars"),
  ),
  "Top 5 cars by horsepower": sqlOnly(
    "SELECT Name, Horsepower FROM cars WHERE Horsepower IS NOT NULL ORDER BY Horsepower DESC LIMIT 5",
    ["Name", "Horsepower"],
    bar("Name", "Horsepower"),
  ),
  "What is the correlation between weight and miles per gallon?": sqlOnly(
    "SELECT corr(Weight_in_lbs, Miles_per_Gallon) AS r FROM cars",
    ["Weight_in_lbs", "Miles_per_Gallon"],
  ),
  "How many cars have 8 cylinders?": sqlOnly("SELECT count(*) AS n FROM cars WHERE Cylinders = 8", ["Cylinders"]),
  "How many days had rain?": sqlOnly("SELECT count(*) AS rainy_days FROM seattle_weather WHERE weather = 'rain'", [
    "weather",
  ]),
  "What percentage of days were sunny?": sqlOnly(
    "SELECT 100.0 * avg(CASE WHEN weather = 'sun' THEN 1 ELSE 0 END) AS pct_sun FROM seattle_weather",
    ["weather"],
  ),
  "Average max temperature by year": sqlOnly(
    "SELECT year(date) AS year, avg(temp_max) AS avg_temp_max FROM seattle_weather GROUP BY 1 ORDER BY 1",
    ["date", "temp_max"],
    line("year", "avg_temp_max"),
  ),
  "Which weather type has the highest average wind?": sqlOnly(
    "SELECT weather, avg(wind) AS avg_wind FROM seattle_weather GROUP BY weather ORDER BY avg_wind DESC",
    ["weather", "wind"],
  ),
  "Total precipitation per year": sqlOnly(
    "SELECT year(date) AS year, sum(precipitation) AS total_precipitation FROM seattle_weather GROUP BY 1 ORDER BY 1",
    ["date", "precipitation"],
  ),
  "Find anomalies in daily precipitation": {
    classification: "SQL_THEN_PY",
    reasoning: "z-scores over the daily series",
    columns_needed: ["date", "precipitation"],
    sql: "SELECT date, precipitation FROM seattle_weather ORDER BY date",
    python:
      "z = (df['precipitation'] - df['precipitation'].mean()) / df['precipitation'].std()\nresult = df[z.abs() > 3].reset_index(drop=True)",
    table: null,
    clarification: null,
    chart: { type: "scatter", x: "date", y: "precipitation" },
  },
  "Average price by symbol": sqlOnly("SELECT symbol, avg(price) AS avg_price FROM stocks GROUP BY symbol", [
    "symbol",
    "price",
  ]),
  "Which stock had the highest price in 2008?": sqlOnly(
    "SELECT symbol, max(price) AS max_price FROM stocks WHERE year(date) = 2008 GROUP BY symbol ORDER BY max_price DESC",
    ["symbol", "price", "date"],
  ),
  "What was the maximum price of AAPL?": sqlOnly("SELECT max(price) AS max_price FROM stocks WHERE symbol = 'AAPL'", [
    "price",
    "symbol",
  ]),
  "Top 5 directors by total worldwide gross": sqlOnly(
    'SELECT Director, sum("Worldwide Gross") AS total_gross FROM movies WHERE Director IS NOT NULL GROUP BY Director ORDER BY total_gross DESC LIMIT 5',
    ["Director", "Worldwide Gross"],
  ),
  "Average IMDB rating by major genre": sqlOnly(
    'SELECT "Major Genre", avg("IMDB Rating") AS avg_rating FROM movies GROUP BY 1',
    ["Major Genre", "IMDB Rating"],
  ),
  "How many movies are rated PG-13?": sqlOnly("SELECT count(*) AS n FROM movies WHERE \"MPAA Rating\" = 'PG-13'", [
    "MPAA Rating",
  ]),
  "Which country had the highest life expectancy in 2005?": sqlOnly(
    "SELECT country, life_expect FROM gapminder WHERE year = 2005 ORDER BY life_expect DESC LIMIT 5",
    ["country", "life_expect", "year"],
  ),
  "Average fertility by year": sqlOnly(
    "SELECT year, avg(fertility) AS avg_fertility FROM gapminder GROUP BY year ORDER BY year",
    ["year", "fertility"],
  ),
  "Average body mass by species": sqlOnly(
    'SELECT Species, avg("Body Mass (g)") AS avg_mass FROM penguins GROUP BY Species',
    ["Species", "Body Mass (g)"],
  ),
  "How many penguins are on each island?": sqlOnly(
    "SELECT Island, count(*) AS penguins FROM penguins GROUP BY Island",
    ["Island"],
  ),
  "What was the total number of people in 2000?": sqlOnly(
    "SELECT sum(people) AS people FROM population WHERE year = 2000",
    ["people", "year"],
  ),
  "Which year had the most deaths from all natural disasters?": sqlOnly(
    "SELECT Year, sum(Deaths) AS deaths FROM disasters WHERE Entity = 'All natural disasters' GROUP BY Year ORDER BY deaths DESC LIMIT 1",
    ["Year", "Deaths", "Entity"],
  ),
  "Which site has the highest average yield?": sqlOnly(
    "SELECT site, avg(yield) AS avg_yield FROM barley GROUP BY site ORDER BY avg_yield DESC",
    ["site", "yield"],
  ),
  "Which 5 origin airports have the worst average delay?": sqlOnly(
    "SELECT origin, avg(delay) AS avg_delay FROM flights_20k GROUP BY origin ORDER BY avg_delay DESC LIMIT 5",
    ["origin", "delay"],
  ),
  "Average delay by hour of day": sqlOnly(
    "SELECT hour(date) AS hour, avg(delay) AS avg_delay FROM flights_20k GROUP BY 1 ORDER BY 1",
    ["date", "delay"],
  ),
  // Python left to be written once the series is known: the planner's writePython is asked for it.
  "Forecast the number of flights per day for the next 7 days": {
    classification: "SQL_THEN_PY",
    reasoning: "daily counts, then a forecast",
    columns_needed: ["date"],
    sql: "SELECT CAST(date AS DATE) AS day, count(*) AS flights FROM flights_20k GROUP BY 1 ORDER BY 1",
    python: null,
    table: null,
    clarification: null,
    chart: { type: "line", x: "day", y: "forecast" },
  },
  "Net generation by source in 2017": sqlOnly(
    "SELECT source, sum(net_generation) AS total FROM iowa_electricity WHERE year(year) = 2017 GROUP BY source",
    ["source", "net_generation", "year"],
  ),
  "Average CO2 per year": sqlOnly(
    'SELECT year("Date") AS year, avg(CO2) AS avg_co2 FROM co2_concentration GROUP BY 1 ORDER BY 1',
    ["Date", "CO2"],
  ),
  "What is the correlation between construction and manufacturing employment?": sqlOnly(
    "SELECT corr(construction, manufacturing) AS r FROM us_employment",
    ["construction", "manufacturing"],
  ),
};

/** Questions a model asks back on, like the rule planner, because the tables cannot answer them. */
export const MODEL_CLARIFIES: Record<string, string> = {
  "What is the average salary of directors?": "The movies table has no salary column. Did you mean their films' gross?",
  "Which penguin is the happiest?": "Nothing in the penguins table measures happiness. Which measure should rank them?",
};

export const MODEL_PYTHON: Record<string, string> = {
  "Forecast the number of flights per day for the next 7 days": [
    "import pandas as pd",
    "from insightx_analytics import forecast",
    "out = forecast(df, date_col='day', value_col='flights', periods=7, freq='D')",
    "result = pd.DataFrame({'day': out['dates'], 'forecast': out['values']})",
  ].join("\n"),
};
