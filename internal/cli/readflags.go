package cli

import (
	"strings"
	"time"

	"github.com/selfdiag/selfdiag/internal/answers"
	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/summary"
	"github.com/spf13/cobra"
)

// addReadFlags adds the flags that say how answer files are read: the CSV
// encoding and the respondents' attributes for files that state none.
func addReadFlags(cmd *cobra.Command) {
	cmd.Flags().String("encoding", "", "кодировка CSV: "+answers.EncodingNames+" (по умолчанию определяется)")
	cmd.Flags().StringArray("set", nil, "признак респондентов, в файлах которых его нет: признак=значение (например type=powiat); можно несколько раз")
	cmd.Flags().String("programs", "", "программы школ, в файлах которых их нет (таблица федерального сервиса): например «НОО, ООО, СОО» (то же, что --set programs=…)")
	cmd.Flags().String("ovz", "", "есть ли обучающиеся с ОВЗ у школ, в файлах которых этого нет: да или нет (то же, что --set ovz=…)")
	cmd.Flags().String("corrective", "", "коррекционная ли школа, если в файле этого нет: да или нет (то же, что --set corrective=…)")
}

// readOptions reads those flags (or settings) into answers.Options; the
// attributes are checked against the model when it is loaded
// (answers.Options.CheckSet).
func (a *app) readOptions() (answers.Options, error) {
	o := answers.Options{Encoding: a.v.GetString("encoding")}
	if err := answers.CheckEncoding(o.Encoding); err != nil {
		return o, usagef("%v", err)
	}
	set := map[string]string{}
	for _, kv := range a.v.GetStringSlice("set") {
		k, v, ok := strings.Cut(kv, "=")
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		if !ok || k == "" || v == "" {
			return o, usagef("--set %q: ожидалось ПРИЗНАК=ЗНАЧЕНИЕ, например --set type=powiat", kv)
		}
		if _, dup := set[k]; dup {
			return o, usagef("--set %s указан дважды", k)
		}
		set[k] = v
	}
	// The school model's own spellings of --set.
	for _, k := range model.SchoolAttributes {
		if v := strings.TrimSpace(a.v.GetString(k)); v != "" {
			if _, dup := set[k]; dup {
				return o, usagef("--%s и --set %s вместе: укажите одно", k, k)
			}
			set[k] = v
		}
	}
	if len(set) > 0 {
		o.Set = set
	}
	return o, nil
}

// checkedModel loads a model and checks what the command line says of
// its respondents against it: the attributes given (--set) and the
// grouping field (--group-by).
func (a *app) checkedModel(path string, read answers.Options, groupBy string) (*model.Model, error) {
	m, err := a.loadModel(path)
	if err != nil {
		return nil, err
	}
	if err := read.CheckSet(m); err != nil {
		return nil, usagef("%v", err)
	}
	r := &m.Respondent
	if _, ok := r.Group(groupBy); groupBy != "" && !ok {
		if len(r.Groups) == 0 {
			return nil, usagef("--group-by %s: у модели нет полей группировки", groupBy)
		}
		return nil, usagef("неизвестная группировка %q: допустимы %s", groupBy, strings.Join(r.GroupIDs(), ", "))
	}
	return m, nil
}

// addRunFlags adds the flags that name a self-diagnosis in its documents;
// year is for the commands that describe one self-diagnosis.
func addRunFlags(cmd *cobra.Command, year bool) {
	cmd.Flags().String("territory", "", "территория для документов: район, округ или регион")
	if year {
		cmd.Flags().String("year", "", "год самодиагностики для документов (по умолчанию — год, указанный в ответах большинства школ)")
	}
	cmd.Flags().String("date", "", "«по состоянию на» в документах, ДД.ММ.ГГГГ (по умолчанию — сегодня)")
}

// runInfo reads the flags of addRunFlags.
func (a *app) runInfo() (summary.RunInfo, error) {
	r, err := summary.NewRunInfo(a.v.GetString("territory"), a.v.GetString("year"), a.v.GetString("date"), time.Now())
	if err != nil {
		return r, usagef("--date %s", err)
	}
	return r, nil
}
