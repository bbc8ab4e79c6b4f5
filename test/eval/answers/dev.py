"""Dev questions: the planner engineers may read these and tune on them. Each question sits above its answer."""

from .lib import (ask, argmax, argmin, bottom, clarify, forecast, hour_labels, includes, label, label_any, load,
                  month_labels, pct, rows, top, value, weekday_labels)

D = "dev"


# ---------------------------------------------------------------- football.json: 6,508 matches, five leagues
def football():
    f = load("football.json", dates=["date"])
    return f.dropna(subset=["home_score", "away_score"])


@ask(D, "foot-draws", "football.json", "how many matches ended in a draw?")
def _():
    f = football()
    return value((f.home_score == f.away_score).sum())


@ask(D, "foot-epl-goals", "football.json", "total goals scored in the english premier league")
def _():
    f = football()
    epl = f[f.division == "English Premier League"]
    return value((epl.home_score + epl.away_score).sum())


@ask(D, "foot-avg-goals", "football.json", "whats the avg number of goals per match")
def _():
    f = football()
    return value((f.home_score + f.away_score).mean())


@ask(D, "foot-home-win-pct", "football.json", "what % of games did the home team win")
def _():
    f = football()
    return value(pct((f.home_score > f.away_score).sum(), len(f)), pct=True)


@ask(D, "foot-best-home-team", "football.json", "which team scored the most goals at home?")
def _():
    f = football()
    return label(argmax(f.groupby("home_team").home_score.sum()))


@ask(D, "foot-distinct-home-teams", "football.json", "how many different home teams are there")
def _():
    return value(load("football.json").home_team.nunique())


@ask(D, "foot-by-division", "football.json", "number of matches per division")
def _():
    return rows(load("football.json").groupby("division").size())


@ask(D, "foot-biggest-margin", "football.json", "what was the biggest winning margin in a single game")
def _():
    f = football()
    return value((f.home_score - f.away_score).abs().max())


@ask(D, "foot-weekday", "football.json", "which day of the week has the most matches")
def _():
    f = load("football.json", dates=["date"])
    return label_any(*weekday_labels(argmax(f.groupby(f.date.dt.dayofweek).size())))


@ask(D, "thread-foot-draws", "football.json",
     ["how many matches ended in a draw", "only in serie a", "and in 2015?"])
def _():
    f = football()
    chosen = f[(f.home_score == f.away_score) & (f.division == "Serie A") & (f.date.dt.year == 2015)]
    return value(len(chosen))


@ask(D, "thread-foot-away", "football.json",
     ["average home score by division", "what about away score?", "only 2016", "which division is highest?"])
def _():
    f = football()
    return label(argmax(f[f.date.dt.year == 2016].groupby("division").away_score.mean()))


@ask(D, "clarify-foot-attendance", "football.json", "what's the average attendance per match?")
def _():
    return clarify()


@ask(D, "clarify-foot-player", "football.json", "which player scored the most goals?")
def _():
    return clarify()


# ---------------------------------------------------------------- political-contributions.json: 58 candidates
def contributions():
    return load("political-contributions.json")


@ask(D, "pol-party-money", "political-contributions.json", "Which party received the most money?")
def _():
    c = contributions()
    return label(argmax(c.groupby("Party_Affiliation").Total_Receipts.sum()))


@ask(D, "pol-top-states", "political-contributions.json", "top 3 states by total receipts")
def _():
    c = contributions()
    return top(c.groupby("Candidate_State").Total_Receipts.sum(), 3)


@ask(D, "pol-dem-count", "political-contributions.json", "how many DEM candidates are there")
def _():
    return value((contributions().Party_Affiliation == "DEM").sum())


@ask(D, "pol-cash-growth", "political-contributions.json",
     "which candidate's cash grew the most (ending cash minus beginning cash)?")
def _():
    c = contributions()
    return label(argmax((c.Ending_Cash - c.Beginning_Cash).set_axis(c.Candidate_Name)))


@ask(D, "pol-avg-disbursements-rep", "political-contributions.json",
     "avg total disbursements for republican candidates (REP)")
def _():
    c = contributions()
    return value(c[c.Party_Affiliation == "REP"].Total_Disbursements.mean())


@ask(D, "clarify-pol-votes", "political-contributions.json", "how many votes did each candidate get?")
def _():
    return clarify()


@ask(D, "clarify-pol-total", "political-contributions.json", "whats the total?")
def _():
    # Receipts, disbursements, cash, loans, debts, refunds: which total is meant is anyone's guess.
    return clarify()


# ---------------------------------------------------------------- monarchs.json: 12 English monarchs
@ask(D, "mon-longest", "monarchs.json", "which monarch reigned the longest?")
def _():
    m = load("monarchs.json")
    return label(argmax((m.end - m.start).set_axis(m.name)))


@ask(D, "mon-avg-reign", "monarchs.json", "average length of a reign in years")
def _():
    m = load("monarchs.json")
    return value((m.end - m.start).mean())


@ask(D, "mon-after-1700", "monarchs.json", "how many monarchs started their reign after 1700")
def _():
    return value((load("monarchs.json").start > 1700).sum())


@ask(D, "mon-lookup", "monarchs.json", "when did charles II start his reign")
def _():
    m = load("monarchs.json")
    return value(m[m.name == "Charles II"].start.iloc[0])


@ask(D, "clarify-mon-richest", "monarchs.json", "which monarch was the richest?")
def _():
    return clarify()


# ---------------------------------------------------------------- airports.csv + flights-airport.csv (routes)
def routes():
    a = load("airports.csv")
    r = load("flights-airport.csv")
    return r.merge(a.add_prefix("o_"), left_on="origin", right_on="o_iata", how="inner")


TWO = ["airports.csv", "flights-airport.csv"]


@ask(D, "join-state-departing", TWO, "which state has the most departing flights?")
def _():
    return label(argmax(routes().groupby("o_state")["count"].sum()))


@ask(D, "join-texas-flights", TWO, "how many flights departed from airports in texas")
def _():
    r = routes()
    return value(r[r.o_state == "TX"]["count"].sum())


@ask(D, "join-top-cities", TWO, "top 5 origin cities by number of flights")
def _():
    return top(routes().groupby("o_city")["count"].sum(), 5)


@ask(D, "thread-join-atl", TWO, ["total flights by origin state", "only flights to ATL", "which state has the most?"])
def _():
    r = routes()
    return label(argmax(r[r.destination == "ATL"].groupby("o_state")["count"].sum()))


@ask(D, "airports-alaska", "airports.csv", "how many airports are in alaska")
def _():
    return value((load("airports.csv").state == "AK").sum())


@ask(D, "airports-most-state", "airports.csv", "which state has the most airports")
def _():
    return label(argmax(load("airports.csv").groupby("state").size()))


@ask(D, "routes-busiest-origin", "flights-airport.csv", "busiest origin airport by total flight count")
def _():
    return label(argmax(load("flights-airport.csv").groupby("origin")["count"].sum()))


# ---------------------------------------------------------------- flights-5k.json: 5,000 flights, Jan–Mar 2001
def flights():
    return load("flights-5k.json", dates=["date"])


@ask(D, "f5k-delayed-hour", "flights-5k.json", "how many flights were delayed by more than an hour?")
def _():
    return value((flights().delay > 60).sum())


@ask(D, "f5k-ord-delay", "flights-5k.json", "whats the avrage delay for flights out of ORD")
def _():
    f = flights()
    return value(f[f.origin == "ORD"].delay.mean())


@ask(D, "f5k-pct-delayed", "flights-5k.json", "what percent of flights were delayed?")
def _():
    f = flights()
    return value(pct((f.delay > 0).sum(), len(f)), pct=True)


@ask(D, "f5k-march-delay", "flights-5k.json", "average delay in march")
def _():
    f = flights()
    return value(f[f.date.dt.month == 3].delay.mean())


@ask(D, "f5k-evening", "flights-5k.json", "how many flights departed at 6pm or later")
def _():
    return value((flights().date.dt.hour >= 18).sum())


@ask(D, "f5k-far-dest", "flights-5k.json", "which destination has the longest average distance")
def _():
    f = flights()
    return label(argmax(f.groupby("destination").distance.mean()))


@ask(D, "f5k-corr", "flights-5k.json", "correlation between distance and delay")
def _():
    f = flights()
    return value(f.distance.corr(f.delay), tol=0.01)


@ask(D, "f5k-forecast", "flights-5k.json", "forecast the number of flights per day for the next 2 weeks")
def _():
    f = flights()
    return forecast(14, f.groupby(f.date.dt.date).size())


@ask(D, "f5k-anomalies", "flights-5k.json", "any unusual delays?")
def _():
    return includes(flights().delay.max())


@ask(D, "f5k-distinct-origins", "flights-5k.json", "how many distinct origin airports are there")
def _():
    return value(flights().origin.nunique())


@ask(D, "f5k-worst-weekday", "flights-5k.json", "which weekday has the worst avg delay")
def _():
    f = flights()
    return label_any(*weekday_labels(argmax(f.groupby(f.date.dt.dayofweek).delay.mean())))


@ask(D, "thread-f5k-sfo", "flights-5k.json",
     ["avg delay by origin airport", "just for flights going to SFO", "now only in february", "and the max delay?"])
def _():
    f = flights()
    chosen = f[(f.destination == "SFO") & (f.date.dt.month == 2)]
    return includes(chosen.delay.max())


@ask(D, "clarify-f5k-airline", "flights-5k.json", "which airline has the most delays?")
def _():
    return clarify()


@ask(D, "clarify-f5k-passengers", "flights-5k.json", "how many passengers flew out of LAX")
def _():
    return clarify()


@ask(D, "clarify-thread-f5k-carrier", "flights-5k.json", ["average delay by origin", "and by airline?"])
def _():
    return clarify()


# ---------------------------------------------------------------- penguins.json: 344 penguins
def penguins():
    return load("penguins.json")


@ask(D, "peng-gentoo-flipper", "penguins.json", "avg fliper length for gentoo penguins")
def _():
    p = penguins()
    return value(p[p.Species == "Gentoo"]["Flipper Length (mm)"].mean())


@ask(D, "peng-heavy-island", "penguins.json", "which island has the heaviest penguins on average")
def _():
    return label(argmax(penguins().groupby("Island")["Body Mass (g)"].mean()))


@ask(D, "peng-corr", "penguins.json", "how correlated are beak length and body mass")
def _():
    p = penguins()
    return value(p["Beak Length (mm)"].corr(p["Body Mass (g)"]), tol=0.01)


@ask(D, "peng-share-adelie", "penguins.json", "what share of the penguins are adelie")
def _():
    p = penguins()
    return value(pct((p.Species == "Adelie").sum(), len(p)), pct=True)


@ask(D, "peng-female-mass", "penguins.json", "average body mass of female penguins")
def _():
    p = penguins()
    return value(p[p.Sex == "FEMALE"]["Body Mass (g)"].mean())


@ask(D, "peng-summary", "penguins.json", "summarize flipper length")
def _():
    return value(penguins()["Flipper Length (mm)"].mean())


@ask(D, "thread-peng-biscoe", "penguins.json", ["avg body mass by species", "only males", "and on biscoe island?"])
def _():
    p = penguins()
    chosen = p[(p.Sex == "MALE") & (p.Island == "Biscoe")]
    return rows(chosen.groupby("Species")["Body Mass (g)"].mean())


@ask(D, "clarify-peng-eggs", "penguins.json", "how many eggs did each penguin lay")
def _():
    return clarify()


# ---------------------------------------------------------------- gapminder.json + gapminder-health-income.csv
GAP = ["gapminder.json", "gapminder-health-income.csv"]


def gap_regions():
    g = load("gapminder.json")
    h = load("gapminder-health-income.csv")
    return g.merge(h[["country", "region"]], on="country", how="inner")


@ask(D, "join-gap-fertility-2000", GAP, "average fertility in 2000 by region")
def _():
    g = gap_regions()
    return rows(g[g.year == 2000].groupby("region").fertility.mean())


@ask(D, "join-gap-life-1955", GAP, "which region had the highest life expectancy in 1955?")
def _():
    g = gap_regions()
    return label(argmax(g[g.year == 1955].groupby("region").life_expect.mean()))


@ask(D, "ghi-richest", "gapminder-health-income.csv", "which country has the highest income")
def _():
    h = load("gapminder-health-income.csv")
    return label(argmax(h.set_index("country").income))


@ask(D, "ghi-corr", "gapminder-health-income.csv", "correlation between income and health")
def _():
    h = load("gapminder-health-income.csv")
    return value(h.income.corr(h.health), tol=0.01)


@ask(D, "ghi-pop-region", "gapminder-health-income.csv", "total population by region")
def _():
    return rows(load("gapminder-health-income.csv").groupby("region").population.sum())


# ---------------------------------------------------------------- la-riots.csv: 63 deaths, 1992
def riots():
    return load("la-riots.csv", dates=["death_date"])


@ask(D, "riots-by-race", "la-riots.csv", "how many people died, by race")
def _():
    return rows(riots().groupby("race").size())


@ask(D, "riots-avg-age", "la-riots.csv", "average age of the vicitms")
def _():
    return value(riots().age.mean())


@ask(D, "riots-homicide-pct", "la-riots.csv", "what percentage of the deaths were homicides")
def _():
    r = riots()
    return value(pct((r.type == "Homicide").sum(), len(r)), pct=True)


@ask(D, "riots-under-25", "la-riots.csv", "how many victims were under 25")
def _():
    return value((riots().age < 25).sum())


@ask(D, "riots-women", "la-riots.csv", "how many women died")
def _():
    return value((riots().gender == "Female").sum())


@ask(D, "clarify-riots-income", "la-riots.csv", "what was the average income of the victims?")
def _():
    return clarify()


# ---------------------------------------------------------------- sp500.csv: monthly S&P 500, 2000–2010
def sp500():
    return load("sp500.csv", dates=["date"])


@ask(D, "sp-pct-change", "sp500.csv", "percent change in price from jan 2000 to jan 2010")
def _():
    s = sp500().set_index("date").price
    return value(pct(s["2010-01-01"] - s["2000-01-01"], s["2000-01-01"]), pct=True)


@ask(D, "sp-lowest", "sp500.csv", "when was the price lowest")
def _():
    s = sp500()
    return label(argmin(s.set_index("date").price).strftime("%Y-%m"))


@ask(D, "sp-avg-2008", "sp500.csv", "average price in 2008")
def _():
    s = sp500()
    return value(s[s.date.dt.year == 2008].price.mean())


@ask(D, "sp-yearly", "sp500.csv", "yearly average price")
def _():
    s = sp500()
    return rows(s.groupby(s.date.dt.year.astype(str)).price.mean())


@ask(D, "thread-sp-best-year", "sp500.csv", ["average price by year", "only from 2005", "which year was highest?"])
def _():
    s = sp500()
    s = s[s.date.dt.year >= 2005]
    return label(argmax(s.groupby(s.date.dt.year).price.mean()))


@ask(D, "clarify-sp-volume", "sp500.csv", "what was the trading volume in 2008?")
def _():
    return clarify()


# ---------------------------------------------------------------- jobs.json: US jobs by sex, 1850–2000
def jobs():
    return load("jobs.json")


@ask(D, "jobs-women-2000", "jobs.json", "which job had the most women in 2000")
def _():
    j = jobs()
    chosen = j[(j.sex == "women") & (j.year == 2000)]
    return label(argmax(chosen.set_index("job")["count"]))


@ask(D, "jobs-distinct", "jobs.json", "how many different jobs are listed")
def _():
    return value(jobs().job.nunique())


@ask(D, "jobs-farmers", "jobs.json", "number of farmers (men and women) by year")
def _():
    j = jobs()
    return rows(j[j.job == "Farmer"].groupby(j.year.astype(str))["count"].sum())


@ask(D, "jobs-nurses-men-1950", "jobs.json", "how many men worked as nurses in 1950")
def _():
    j = jobs()
    return value(j[(j.job == "Nurse") & (j.sex == "men") & (j.year == 1950)]["count"].iloc[0])


@ask(D, "clarify-jobs-salary", "jobs.json", "what was the average salary of accountants?")
def _():
    return clarify()


# ---------------------------------------------------------------- weather.csv: New York and Seattle, 2012–2015
def weather():
    return load("weather.csv", dates=["date"])


@ask(D, "wx-ny-rain-days", "weather.csv", "how many rainy days did new york have")
def _():
    w = weather()
    return value(((w.location == "New York") & (w.weather == "rain")).sum())


@ask(D, "wx-warmer-city", "weather.csv", "which city has the higher average max temp")
def _():
    return label(argmax(weather().groupby("location").temp_max.mean()))


@ask(D, "wx-sea-precip-2015", "weather.csv", "total precipitaion in seattle in 2015")
def _():
    w = weather()
    return value(w[(w.location == "Seattle") & (w.date.dt.year == 2015)].precipitation.sum())


@ask(D, "wx-ny-july", "weather.csv", "avg high temperature in NY in july")
def _():
    w = weather()
    return value(w[(w.location == "New York") & (w.date.dt.month == 7)].temp_max.mean())


@ask(D, "thread-wx-coldest-month", "weather.csv",
     ["average max temperature by month in seattle", "now new york", "only 2014", "what about min temp?",
      "which month is coldest?"])
def _():
    w = weather()
    chosen = w[(w.location == "New York") & (w.date.dt.year == 2014)]
    month = argmin(chosen.groupby(chosen.date.dt.month).temp_min.mean())
    return label_any(*month_labels(month), f"2014-{month:02d}")


@ask(D, "clarify-wx-humidity", "weather.csv", "whats the average humidity in seattle")
def _():
    return clarify()


# ---------------------------------------------------------------- crimea.json: British army deaths, 1854–1856
def crimea():
    return load("crimea.json", dates=["date"])


@ask(D, "cri-disease-total", "crimea.json", "total deaths from disease")
def _():
    return value(crimea().disease.sum())


@ask(D, "cri-worst-month", "crimea.json", "which month had the most disease deaths")
def _():
    c = crimea()
    return label(argmax(c.set_index("date").disease).strftime("%Y-%m"))


@ask(D, "cri-disease-share", "crimea.json",
     "what share of all deaths (wounds + other + disease) were caused by disease")
def _():
    c = crimea()
    return value(pct(c.disease.sum(), (c.wounds + c.other + c.disease).sum()), pct=True)


# ---------------------------------------------------------------- wheat.json: wheat price and wages, 1565–1820
@ask(D, "wheat-priciest", "wheat.json", "in which year was wheat most expensive")
def _():
    w = load("wheat.json")
    return label(argmax(w.set_index("year").wheat))


@ask(D, "wheat-wages-1700s", "wheat.json", "average wages in the 1700s")
def _():
    w = load("wheat.json")
    years = w.year.astype(int)
    return value(w[(years >= 1700) & (years <= 1799)].wages.mean())


# ---------------------------------------------------------------- github.csv: hourly activity, Jan–May 2015
def github():
    return load("github.csv", dates=["time"])


@ask(D, "gh-total", "github.csv", "what's the total count")
def _():
    return value(github()["count"].sum())


@ask(D, "gh-busiest-hour", "github.csv", "which hour of the day has the highest total count")
def _():
    g = github()
    return label_any(*hour_labels(argmax(g.groupby(g.time.dt.hour)["count"].sum())))


@ask(D, "gh-by-month", "github.csv", "total count by month")
def _():
    g = github()
    return rows(g.groupby(g.time.dt.strftime("%Y-%m"))["count"].sum())


# ---------------------------------------------------------------- burtin.json: antibiotics against 16 bacteria
@ask(D, "burtin-penicillin", "burtin.json", "which bacteria needs the highest dose of penicillin")
def _():
    b = load("burtin.json")
    return label(argmax(b.set_index("Bacteria").Penicillin))


@ask(D, "burtin-positive", "burtin.json", "how many bacteria are gram positive")
def _():
    return value((load("burtin.json").Gram_Staining == "positive").sum())


# ---------------------------------------------------------------- cars.json, seattle-weather.csv, movies.json
def cars():
    return load("cars.json", dates=["Year"])


@ask(D, "cars-japanese-mpg", "cars.json", "whats the avg mpg for japanese cars")
def _():
    c = cars()
    return value(c[c.Origin == "Japan"].Miles_per_Gallon.mean())


@ask(D, "thread-cars-4cyl", "cars.json", ["average mpg by origin", "only for 4 cylinder cars"])
def _():
    c = cars()
    return rows(c[c.Cylinders == 4].groupby("Origin").Miles_per_Gallon.mean())


@ask(D, "thread-cars-long", "cars.json",
     ["average mpg by origin", "only for 4 cylinder cars", "and only cars made after 1975", "what about horsepower?",
      "show the max instead of the average", "and the min?", "now for 6 cylinder cars", "as a bar chart"])
def _():
    c = cars()
    chosen = c[(c.Cylinders == 6) & (c.Year.dt.year > 1975)]
    return rows(chosen.groupby("Origin").Horsepower.min())


@ask(D, "clarify-thread-cars-price", "cars.json", ["avg mpg by origin", "what about the price?"])
def _():
    return clarify()


@ask(D, "sea-jan-2014", "seattle-weather.csv", "total precipitation in January 2014")
def _():
    s = load("seattle-weather.csv", dates=["date"])
    return value(s[(s.date.dt.year == 2014) & (s.date.dt.month == 1)].precipitation.sum())


@ask(D, "movies-budget-100m", "movies.json", "how many movies had a budget over 100 million?")
def _():
    return value((load("movies.json")["Production Budget"] > 100_000_000).sum())
